/**
 * What the document cache must read again after a change on the Rules page: the rules themselves (a deletion
 * returns no rule to tell it) and every company, since rules, weights and noise move scores and the ranking.
 */
export const SCORE_RULE_CHANGES = { additionalTypenames: ["ScoreRule", "Company"] };
export const SCORING_CHANGES = { additionalTypenames: ["ScoringSettings", "Company"] };
export const NOISE_RULE_CHANGES = { additionalTypenames: ["NoiseRule", "NoiseProposal", "Company"] };
