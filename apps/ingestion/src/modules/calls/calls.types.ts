// The call as accepted (DESIGN.md "The call"), normalised and stored as-is in `calls.body`: the
// same shape the engine reads, so it is defined once, in the engine's types.
export type { CallInput as CallBody, SegmentInput as CallSegment, Speaker } from '@qa/qa-rules';
