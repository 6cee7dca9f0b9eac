// The best time to go, on the page: the month picker's values and labels,
// and the words that head a search narrowed to months ("Tháng 3 có gì",
// "What to see in March"), said the way season-words.js says an entry's season.

import { lang, monthName, t } from './i18n.js';
import { seasonWords } from './season-words.js';

// The values of month=… in the address and the API, in calendar order.
export const MONTH_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];

export function monthLabel(key) {
    return monthName(Number(key));
}

// '' when no month is chosen.
export function whatToSee(months) {
    const words = seasonWords(months.map(Number), lang());
    if (!words) return '';
    const text = months.length === MONTH_KEYS.length ? t('months.whatAllYear') : t('months.whatIn', { months: words });
    return text.charAt(0).toUpperCase() + text.slice(1);
}
