/**
 * What reading a section's suggestions takes from @plenary/suggestions (and through it the
 * schema), in a module of its own: the plan page loads it on first use, and naming the
 * two functions keeps the rest of the package out of the chunk.
 */
export { addsSuggestionMarks, listFragmentSuggestions } from '@plenary/suggestions';
