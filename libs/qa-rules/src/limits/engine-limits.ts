/**
 * What one tenant's scorecard and one call may cost the engine. Saving a scorecard over a limit is
 * refused (validateScorecard names the path and the limit); at run time the engine enforces them
 * again by cutting off deterministically (later phrases, hits and characters are ignored), so a
 * scorecard stored before the limits existed still scores in bounded time.
 */
export const ENGINE_LIMITS = Object.freeze({
  /** Phrases in one list (the default forbidden list has about 30, the bench one 200). */
  maxPhrasesPerList: 2_000,
  maxPhraseLength: 50,
  /** Phrases in all lists of a scorecard together (its items' lists included). */
  maxPhrasesPerScorecard: 20_000,
  maxItems: 200,
  /** Nodes of all custom.phrase expressions of a scorecard together (each expression: 200). */
  maxExpressionNodes: 1_000,
  /** Phrase hits kept per segment; later ones in the segment are not seen by any rule. */
  maxHitsPerSegment: 1_000,
  maxHitsPerCall: 20_000,
  /** Characters of a call scanned for phrases; text past this is not scanned. */
  maxCharsPerCall: 200_000,
});

export type EngineLimit = keyof typeof ENGINE_LIMITS;

export const MAX_PHRASES_PER_LIST = ENGINE_LIMITS.maxPhrasesPerList;
export const MAX_PHRASE_LENGTH = ENGINE_LIMITS.maxPhraseLength;
export const MAX_PHRASES_PER_SCORECARD = ENGINE_LIMITS.maxPhrasesPerScorecard;
export const MAX_ITEMS = ENGINE_LIMITS.maxItems;
export const MAX_EXPRESSION_NODES = ENGINE_LIMITS.maxExpressionNodes;
export const MAX_HITS_PER_SEGMENT = ENGINE_LIMITS.maxHitsPerSegment;
export const MAX_HITS_PER_CALL = ENGINE_LIMITS.maxHitsPerCall;
export const MAX_CHARS_PER_CALL = ENGINE_LIMITS.maxCharsPerCall;
