// The Vietnamese text rules, as tables you can read like a dictionary:
// input → canonical key → folded form, and text → tokens.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "text/input_methods.h"
#include "text/tokenizer.h"
#include "text/utf8.h"
#include "text/vietnamese.h"
#include "util/error.h"

using lc::text::fold;
using lc::text::normalize;

namespace {

struct Row {
    const char* input;
    const char* canonical;
    const char* folded;
};

// NFD of a composed string, built with ICU-independent combining marks so the
// test does not trust the code under test to produce its own input.
std::string nfd_of(const std::u32string& base_and_marks) {
    return lc::utf8::encode(base_and_marks);
}

}  // namespace

TEST_CASE("normalize and fold: a dictionary of cases", "[text]") {
    const Row rows[] = {
        // The example and both tone placements.
        {"Thuỷ điện Hoà Bình", "thủy điện hòa bình", "thuy dien hoa binh"},
        {"thủy điện hòa bình", "thủy điện hòa bình", "thuy dien hoa binh"},
        {"hoà", "hòa", "hoa"},
        {"hòa", "hòa", "hoa"},
        {"thuỷ", "thủy", "thuy"},
        {"thủy", "thủy", "thuy"},
        {"khoẻ", "khỏe", "khoe"},
        {"khỏe", "khỏe", "khoe"},
        {"oá", "óa", "oa"},
        {"óa", "óa", "oa"},
        {"uý", "úy", "uy"},
        {"úy", "úy", "uy"},
        {"hoạ", "họa", "hoa"},
        {"xoè", "xòe", "xoe"},
        {"tuỳ", "tùy", "tuy"},
        {"luỹ", "lũy", "luy"},
        {"loè", "lòe", "loe"},
        {"toả", "tỏa", "toa"},
        // With a final consonant both styles agree: the mark is on the last vowel.
        {"hoàng", "hoàng", "hoang"},
        {"toán", "toán", "toan"},
        {"huỳnh", "huỳnh", "huynh"},
        {"khuyến", "khuyến", "khuyen"},
        {"hòang", "hoàng", "hoang"},
        {"tóan", "toán", "toan"},
        // qu- and gi- are onsets: the mark stays on the vowel after them.
        {"quý", "quý", "quy"},
        {"quỳnh", "quỳnh", "quynh"},
        {"quá", "quá", "qua"},
        {"quốc", "quốc", "quoc"},
        {"giữa", "giữa", "giua"},
        {"già", "già", "gia"},
        {"gìn", "gìn", "gin"},
        {"gì", "gì", "gi"},
        {"giường", "giường", "giuong"},
        {"quyển", "quyển", "quyen"},
        // Hats and horns take the mark; ươ takes it on ơ.
        {"người", "người", "nguoi"},
        {"ngừơi", "người", "nguoi"},
        {"mường", "mường", "muong"},
        {"mừơng", "mường", "muong"},
        {"tuổi", "tuổi", "tuoi"},
        {"tủôi", "tuổi", "tuoi"},
        {"hữu", "hữu", "huu"},
        {"thuở", "thuở", "thuo"},
        {"ngoài", "ngoài", "ngoai"},
        {"ngòai", "ngoài", "ngoai"},
        {"xoáy", "xoáy", "xoay"},
        {"khuỷu", "khuỷu", "khuyu"},
        {"mía", "mía", "mia"},
        {"múa", "múa", "mua"},
        {"tài", "tài", "tai"},
        {"chịu", "chịu", "chiu"},
        // Uppercase, Vietnamese capitals included.
        {"ĐÈO Ô QUY HỒ", "đèo ô quy hồ", "deo o quy ho"},
        {"SÌN HỒ", "sìn hồ", "sin ho"},
        {"ĐỨC", "đức", "duc"},
        {"Đ", "đ", "d"},
        {"TÂN UYÊN", "tân uyên", "tan uyen"},
        {"MƯỜNG TÈ", "mường tè", "muong te"},
        {"THUỶ", "thủy", "thuy"},
        {"HOÀ", "hòa", "hoa"},
        // đ/Đ.
        {"đào", "đào", "dao"},
        {"Đèo", "đèo", "deo"},
        {"đ", "đ", "d"},
        {"Đường", "đường", "duong"},
        // Place names of the plan.
        {"Sìn Hồ", "sìn hồ", "sin ho"},
        {"Sin Suối Hồ", "sin suối hồ", "sin suoi ho"},
        {"Tân Uyên", "tân uyên", "tan uyen"},
        {"Mường Than", "mường than", "muong than"},
        {"Pu Ta Leng", "pu ta leng", "pu ta leng"},
        {"Bạch Mộc Lương Tử", "bạch mộc lương tử", "bach moc luong tu"},
        {"Ô Quy Hồ", "ô quy hồ", "o quy ho"},
        {"Ma Lù Thàng", "ma lù thàng", "ma lu thang"},
        {"Phong Thổ", "phong thổ", "phong tho"},
        {"Nậm Nhùn", "nậm nhùn", "nam nhun"},
        {"Mường Tè", "mường tè", "muong te"},
        {"Tả Lèng", "tả lèng", "ta leng"},
        {"Dào San", "dào san", "dao san"},
        {"Thu Lũm", "thu lũm", "thu lum"},
        {"Pắc Ta", "pắc ta", "pac ta"},
        {"Khau Co", "khau co", "khau co"},
        {"Hoàng Liên", "hoàng liên", "hoang lien"},
        {"Kim Thủy Hà", "kim thủy hà", "kim thuy ha"},
        {"Kim Thuỷ Hà", "kim thủy hà", "kim thuy ha"},
        {"Giang Ma", "giang ma", "giang ma"},
        // Numbers, codes, mixed text: unchanged apart from case.
        {"CT13", "ct13", "ct13"},
        {"QL.4D", "ql.4d", "ql.4d"},
        {"2025–2030", "2025–2030", "2025–2030"},
        {"10.000 ha", "10.000 ha", "10.000 ha"},
        {"Lai Châu ginseng", "lai châu ginseng", "lai chau ginseng"},
        {"café", "café", "cafe"},
        {"Pokémon", "pokémon", "pokemon"},
        {"", "", ""},
        {"   ", "   ", "   "},
        // Words that are not Vietnamese syllables keep their marks where typed.
        {"hóà", "hóà", "hoa"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.input);
        CHECK(normalize(row.input) == row.canonical);
        CHECK(fold(row.input) == row.folded);
    }
}

TEST_CASE("every tone on every vowel: composed or uppercase or decomposed", "[text]") {
    // Each row: the vowel with no tone, then grave, hook, tilde, acute, dot.
    const std::u32string rows[] = {U"aàảãáạ", U"ăằẳẵắặ", U"âầẩẫấậ", U"eèẻẽéẹ",
                                   U"êềểễếệ", U"iìỉĩíị", U"oòỏõóọ", U"ôồổỗốộ",
                                   U"ơờởỡớợ", U"uùủũúụ", U"ưừửữứự", U"yỳỷỹýỵ"};
    const std::u32string upper[] = {U"AÀẢÃÁẠ", U"ĂẰẲẴẮẶ", U"ÂẦẨẪẤẬ", U"EÈẺẼÉẸ",
                                    U"ÊỀỂỄẾỆ", U"IÌỈĨÍỊ", U"OÒỎÕÓỌ", U"ÔỒỔỖỐỘ",
                                    U"ƠỜỞỠỚỢ", U"UÙỦŨÚỤ", U"ƯỪỬỮỨỰ", U"YỲỶỸÝỴ"};
    const char plain[] = "aaaeeiooouuy";
    // Combining marks: quality first (breve, circumflex, horn), then tone.
    const char32_t quality[] = {0, 0x0306, 0x0302, 0, 0x0302, 0, 0, 0x0302, 0x031B, 0, 0x031B, 0};
    const char32_t tone_mark[] = {0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323};
    int checked = 0;
    for (int v = 0; v < 12; ++v) {
        for (int t = 0; t < 6; ++t) {
            // "t" + vowel is a valid syllable for every vowel, so placement is trivial.
            std::string composed = "t" + lc::utf8::encode(std::u32string(1, rows[v][t]));
            std::string capital = "T" + lc::utf8::encode(std::u32string(1, upper[v][t]));
            std::u32string marks{U't', static_cast<char32_t>(plain[v])};
            if (quality[v]) marks.push_back(quality[v]);
            if (tone_mark[t]) marks.push_back(tone_mark[t]);
            std::string decomposed = nfd_of(marks);
            std::u32string reversed{U't', static_cast<char32_t>(plain[v])};  // tone before quality
            if (tone_mark[t]) reversed.push_back(tone_mark[t]);
            if (quality[v]) reversed.push_back(quality[v]);
            std::string folded = std::string("t") + plain[v];
            CAPTURE(composed);
            CHECK(normalize(composed) == composed);
            CHECK(normalize(capital) == composed);
            CHECK(normalize(decomposed) == composed);
            CHECK(normalize(nfd_of(reversed)) == composed);
            CHECK(fold(composed) == folded);
            CHECK(fold(capital) == folded);
            ++checked;
        }
    }
    CHECK(checked == 72);
}

TEST_CASE("both tone placements of oa oe uy agree for every tone", "[text]") {
    // {new style (mark on the second vowel), classic style (on the first)}.
    const std::pair<const char*, const char*> rows[] = {
        {"hoà", "hòa"},   {"hoả", "hỏa"},   {"hoã", "hõa"},   {"hoá", "hóa"},   {"hoạ", "họa"},
        {"khoè", "khòe"}, {"khoẻ", "khỏe"}, {"khoẽ", "khõe"}, {"khoé", "khóe"}, {"khoẹ", "khọe"},
        {"thuỳ", "thùy"}, {"thuỷ", "thủy"}, {"thuỹ", "thũy"}, {"thuý", "thúy"}, {"thuỵ", "thụy"},
    };
    for (const auto& [modern, classic] : rows) {
        CAPTURE(modern);
        CHECK(normalize(modern) == classic);
        CHECK(normalize(classic) == classic);
        CHECK(fold(modern) == fold(classic));
    }
}

TEST_CASE("invalid UTF-8 is an error naming the byte and never garbage", "[text]") {
    const std::pair<std::string, std::size_t> rows[] = {
        {"abc\xff", 3},           // a byte that never appears in UTF-8
        {"\xc3", 0},              // truncated two-byte sequence
        {"h\xc3\x28", 1},         // bad continuation
        {"\xc0\xaf", 0},          // overlong "/"
        {"\xe0\x80\xaf", 0},      // overlong three-byte
        {"\xed\xa0\x80", 0},      // UTF-16 surrogate
        {"\xf4\x90\x80\x80", 0},  // above U+10FFFF
        {"Sìn\x80 Hồ", 4},        // stray continuation byte
    };
    for (const auto& [bytes, offset] : rows) {
        CAPTURE(bytes);
        try {
            normalize(bytes);
            FAIL("no error");
        } catch (const lc::InvalidUtf8& e) {
            CHECK(e.offset() == offset);
            CHECK(std::string(e.what()).find("invalid UTF-8") != std::string::npos);
        }
        CHECK_THROWS_AS(fold(bytes), lc::InvalidUtf8);
        CHECK_THROWS_AS(lc::text::tokenize(bytes), lc::InvalidUtf8);
    }
}

TEST_CASE("tokenize: syllables and numbers and codes and separators", "[text]") {
    struct TokenRow {
        const char* text;
        std::vector<std::string> folded;
    };
    const TokenRow rows[] = {
        {"Sìn Hồ", {"sin", "ho"}},
        {"Ô Quy Hồ pass", {"o", "quy", "ho", "pass"}},
        {"cao tốc CT13 Bảo Hà – Lai Châu", {"cao", "toc", "ct13", "bao", "ha", "lai", "chau"}},
        {"Quốc lộ 4D", {"quoc", "lo", "4d"}},
        {"trên 10.000 ha", {"tren", "10000", "ha"}},
        {"1,234,567 people", {"1234567", "people"}},
        {"2,5 ha", {"2.5", "ha"}},
        {"giai đoạn 2025-2030", {"giai", "doan", "2025", "2030"}},
        {"Sin-Suối-Hồ", {"sin", "suoi", "ho"}},
        {"chè/trà, tea.", {"che", "tra", "tea"}},
        {"Lai Châu's ginseng (sâm)", {"lai", "chau", "s", "ginseng", "sam"}},
        {"  \t\n ", {}},
        {"QL.4D", {"ql", "4d"}},
        {"e-mail", {"e", "mail"}},
    };
    for (const auto& row : rows) {
        CAPTURE(row.text);
        auto tokens = lc::text::tokenize(row.text);
        std::vector<std::string> folded;
        for (const auto& t : tokens) folded.push_back(t.folded);
        CHECK(folded == row.folded);
        for (std::size_t i = 0; i < tokens.size(); ++i) CHECK(tokens[i].position == i);
    }
}

TEST_CASE("tokenize: canonical forms and positions and offsets", "[text]") {
    auto tokens = lc::text::tokenize("Thuỷ điện HOÀ Bình", 10);
    REQUIRE(tokens.size() == 4);
    CHECK(tokens[0].canonical == "thủy");
    CHECK(tokens[2].canonical == "hòa");
    CHECK(tokens[2].folded == "hoa");
    CHECK(tokens[0].position == 10);
    CHECK(tokens[3].position == 13);
    std::string text = "Thuỷ điện HOÀ Bình";
    CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "điện");
    CHECK(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin) == "Bình");

    // Decomposed input: offsets refer to its NFC form.
    std::string nfd = lc::utf8::encode(U"Ho\u0300\u0302 Tie\u0301\u0302n");  // tone before hat
    auto t2 = lc::text::tokenize(nfd);
    REQUIRE(t2.size() == 2);
    CHECK(t2[0].canonical == "hồ");
    CHECK(t2[1].canonical == "tiến");
    std::string nfc = lc::text::to_nfc(nfd);
    CHECK(nfc.substr(t2[1].begin, t2[1].end - t2[1].begin) == "Tiến");

    // Over-long tokens are dropped but keep their position.
    std::string junk(100, 'x');
    auto t3 = lc::text::tokenize("a " + junk + " b");
    REQUIRE(t3.size() == 2);
    CHECK(t3[1].position == 2);
}

TEST_CASE("transfer_accents keeps the typed tone on a respelled word", "[text]") {
    CHECK(lc::text::transfer_accents("hồồ", "ho") == "hồ");
    CHECK(lc::text::transfer_accents("Lềnh", "leng") == "lềng");
    CHECK(lc::text::transfer_accents("suốii", "suoi") == "suối");
    CHECK(lc::text::transfer_accents("đàoo", "dao") == "đào");
}

TEST_CASE("has_diacritics tells accented queries apart", "[text]") {
    CHECK(lc::text::has_diacritics("cá"));
    CHECK(lc::text::has_diacritics("đi"));
    CHECK_FALSE(lc::text::has_diacritics("ca"));
    CHECK_FALSE(lc::text::has_diacritics("ct13"));
}

TEST_CASE("tokenize: combining marks with no letter are not a word", "[text]") {
    // Found by fuzz_text: " ◌́" folded to "" and was indexed as a bare prefix.
    auto tokens = lc::text::tokenize(lc::utf8::encode(U"sìn \u0301 hồ"));
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0].folded == "sin");
    CHECK(tokens[1].folded == "ho");
}

TEST_CASE("a lent tokenizer serves this thread's tokenize() until the loan ends", "[text]") {
    lc::text::Tokenizer& own = lc::text::thread_tokenizer();
    lc::text::Tokenizer lent(16);
    {
        lc::text::TokenizerLoan loan(lent);
        CHECK(&lc::text::thread_tokenizer() == &lent);
        {
            lc::text::Tokenizer inner(16);
            lc::text::TokenizerLoan nested(inner);
            CHECK(&lc::text::thread_tokenizer() == &inner);
        }
        CHECK(&lc::text::thread_tokenizer() == &lent);
        // Another thread keeps its own.
        lc::text::Tokenizer* other = nullptr;
        std::thread([&] { other = &lc::text::thread_tokenizer(); }).join();
        CHECK(other != &lent);
    }
    CHECK(&lc::text::thread_tokenizer() == &own);
    // A small cache starts again when full and still gives the right forms.
    lc::text::Tokenizer small(2);
    for (int round = 0; round < 3; ++round) {
        auto tokens = small.tokenize("Hoà Bình thuỷ điện");
        REQUIRE(tokens.size() == 4);
        CHECK(tokens[0].canonical == "hòa");
        CHECK(tokens[3].folded == "dien");
    }
}

TEST_CASE("Telex and VNI spell out the syllables they mean, and nothing else", "[text]") {
    struct Row {
        std::string typed;
        std::optional<std::string> telex, vni;
    };
    const std::vector<Row> rows = {
        {"ddaof", "đào", std::nullopt},
        {"taan", "tân", std::nullopt},
        {"uyeen", "uyên", std::nullopt},
        {"chef", "chè", std::nullopt},
        {"hoof", "hồ", std::nullopt},
        {"nguowif", "người", std::nullopt},
        {"truwowngf", "trường", std::nullopt},
        {"vieetj", "việt", std::nullopt},
        {"hoaf", "hòa", std::nullopt},  // the tone where the shared rules put it
        {"quys", "quý", std::nullopt},
        {"d9a2o", std::nullopt, "đào"},
        {"che2", std::nullopt, "chè"},
        {"vie6t5", std::nullopt, "việt"},
        {"viet65", std::nullopt, "việt"},
        {"nguoi72", std::nullopt, "người"},
        {"a8n", std::nullopt, "ăn"},
        // No marker, or not a syllable: nothing.
        {"tea", std::nullopt, std::nullopt},
        {"text", std::nullopt, std::nullopt},
        {"tacf", std::nullopt, std::nullopt},   // c ends a syllable only under sắc or nặng
        {"ca5t2", std::nullopt, std::nullopt},  // two tones
        {"strs", std::nullopt, std::nullopt},   // no vowel
        {"bcd9", std::nullopt, std::nullopt},
        {"ddd", std::nullopt, std::nullopt},
    };
    for (const auto& row : rows) {
        INFO(row.typed);
        CHECK(lc::text::decode_telex(row.typed) == row.telex);
        CHECK(lc::text::decode_vni(row.typed) == row.vni);
    }
    // Both readings, Telex first, each once.
    CHECK(lc::text::decode_input_methods("chef") == std::vector<std::string>{"chè"});
    CHECK(lc::text::decode_input_methods("tea").empty());
}
