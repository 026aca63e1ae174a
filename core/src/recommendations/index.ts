// Recommendations: what goes with what, read for a visit.
// The public surface of this context: transports import from '@hiorder/core/recommendations' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { readRecommendations } from './read-recommendations';
export { decayedWeight } from './recommendation-scoring';
