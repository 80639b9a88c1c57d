// A small finance-aware lexicon scorer in the spirit of the Loughran-McDonald word lists: general
// sentiment lexicons misread finance text ("liability", "tax", "cost" are not negative news there),
// so the lists only hold words whose tone is unambiguous in market headlines. Used for providers
// that do not score their articles (Finnhub).

const POSITIVE = new Set(
  `beat beats topped top tops surge surged surging soar soared soaring jump jumped rally rallied rallies gain gained gains
  record high highs upgrade upgraded upgrades outperform outperformed outperforms strong stronger strength growth grew
  profit profits profitable profitability exceed exceeded exceeds exceeding bullish boost boosted boosts rebound rebounded
  rise rises rising rose climb climbed climbs win wins won improve improved improves improvement success successful
  favorable positive optimistic optimism upbeat breakthrough expand expanded expansion accelerate accelerated raise raised
  buyback dividend approval approved milestone innovative robust resilient recover recovered recovery tops`.split(/\s+/),
);

const NEGATIVE = new Set(
  `miss missed misses plunge plunged plunges fall falls fell falling drop dropped drops slump slumped tumble tumbled decline
  declined declines declining loss losses lose losing lost downgrade downgraded downgrades weak weaker weakness lawsuit sue
  sued probe investigation fraud recall recalled layoff layoffs cut cuts slash slashed bearish warning warn warns warned
  bankruptcy bankrupt default defaults fine fined penalty slowdown concern concerns worry worries worried fear fears crash
  crashed selloff sell-off underperform underperformed underperforms negative pessimistic downturn recession halt halted
  delay delayed shortfall disappoint disappointed disappointing disappoints scandal breach antitrust plummet plummeted sink
  sank slide slid volatile volatility risk risks subpoena restatement impairment`.split(/\s+/),
);

const NEGATORS = new Set(["not", "no", "never", "without", "fails", "failed", "isn't", "wasn't", "didn't", "doesn't"]);

function stem(word: string): string[] {
  const forms = [word];
  if (word.endsWith("ing") && word.length > 5) forms.push(word.slice(0, -3));
  if (word.endsWith("ed") && word.length > 4) forms.push(word.slice(0, -2), word.slice(0, -1));
  if (word.endsWith("es") && word.length > 4) forms.push(word.slice(0, -2));
  if (word.endsWith("s") && word.length > 3) forms.push(word.slice(0, -1));
  return forms;
}

function tone(word: string): 1 | -1 | 0 {
  for (const f of stem(word)) {
    if (POSITIVE.has(f)) return 1;
    if (NEGATIVE.has(f)) return -1;
  }
  return 0;
}

/**
 * Scores text in [-1, 1]: (positive - negative) / (positive + negative + 1), with a negator in the
 * three preceding words flipping a word's tone. 0 when no tone words occur.
 */
export function scoreSentiment(text: string): number {
  const words = text.toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
  let pos = 0;
  let neg = 0;
  words.forEach((w, i) => {
    let t: number = tone(w);
    if (t === 0) return;
    if (words.slice(Math.max(0, i - 3), i).some((p) => NEGATORS.has(p))) t = -t;
    if (t > 0) pos++;
    else neg++;
  });
  const score = (pos - neg) / (pos + neg + 1);
  return Math.round(score * 1000) / 1000;
}
