/** Collapses inner runs of white space and trims, so "  王  建国 " and "王 建国" are one name. */
export function cleanText(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Multi-line text keeps its line breaks but loses trailing space. */
export function cleanNotes(value: string): string {
  return value.replace(/[ \t]+$/gm, '').trim();
}
