// web/js/season-words.js says the same as the server's season_words
// (tests/unit/season_words_test.cpp): both read tests/data/season_words.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seasonWords } from '../../web/js/season-words.js';

const rows = JSON.parse(readFileSync(
  fileURLToPath(new URL('../data/season_words.json', import.meta.url)), 'utf8'));

test('seasonWords: ranges of consecutive months, over the new year', () => {
  assert.ok(rows.length >= 10);
  for (const row of rows) {
    assert.equal(seasonWords(row.months, 'vi'), row.vi, JSON.stringify(row));
    assert.equal(seasonWords(row.months, 'en'), row.en, JSON.stringify(row));
  }
});
