// What a location's point stands for, said in words: the map's circles and
// the entry page use the same sentence. The point's precision says what kind
// of point it is; its source names the former commune or town where that is
// the point ("GSO commune point of the former xã Tả Lèng (code 03400)").

import { t } from './i18n.js';

const FORMER_UNIT = /former ((?:xã|thị trấn|phường|thành phố) [^,(;]+?)\s*(?:[,(;]|$)/;

// "centre of the former xã Tả Lèng" / "trung tâm xã Tả Lèng cũ", and so on.
export function locationLabel(location, area) {
    if (!location) return '';
    const unit = FORMER_UNIT.exec(location.source ?? '')?.[1];
    switch (location.precision) {
        case 'site':
            return t('loc.site');
        case 'village':
            return t('loc.village');
        case 'commune-centre':
            if (unit) return t('loc.communeCentreOf', { unit });
            return area ? t('loc.communeCentreIn', { area }) : t('loc.communeCentre');
        case 'town':
            return unit ? t('loc.townOf', { unit }) : t('loc.town');
        default:
            return t('loc.approximate');
    }
}

// A site is drawn as a pin; anything coarser as a soft circle.
export function isSite(location) {
    return location?.precision === 'site';
}

// GeoNames asks to be credited wherever its points are shown.
export function fromGeoNames(location) {
    return /GeoNames/.test(location?.source ?? '');
}

// "formerly Tam Đường district" / "trước đây thuộc huyện Tam Đường".
export function formerDistrictLabel(name) {
    if (!name) return '';
    return name === 'Thành phố Lai Châu' ? t('area.formerCity') : t('area.formerDistrict', { name });
}
