// An entry's season (month numbers) in words, as indexer/catalog/season_words.cpp
// says it on the server: consecutive months as a range, over the new year too
// ("tháng 12 – tháng 2", "December – February"). Both are tested against
// tests/data/season_words.json.

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December'];

function monthName(month, lang) {
  return lang === 'en' ? EN_MONTHS[month - 1] : `tháng ${month}`;
}

const next = (m) => (m % 12) + 1;
const previous = (m) => ((m + 10) % 12) + 1;

// months: numbers 1..12 in any order (others and repeats ignored); lang: 'vi' | 'en'.
export function seasonWords(months, lang) {
  const inSeason = new Set((months || []).filter((m) => Number.isInteger(m) && m >= 1 && m <= 12));
  if (inSeason.size === 0) return '';
  if (inSeason.size === 12) return lang === 'en' ? 'all year' : 'cả năm';
  const ranges = [];
  for (let start = 1; start <= 12; start += 1) {
    if (!inSeason.has(start) || inSeason.has(previous(start))) continue;
    let end = start;
    while (inSeason.has(next(end))) end = next(end);
    ranges.push(end === start ? monthName(start, lang)
      : `${monthName(start, lang)} – ${monthName(end, lang)}`);
  }
  return ranges.join(', ');
}
