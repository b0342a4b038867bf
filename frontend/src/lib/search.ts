/**
 * Diacritic-insensitive matching for the pick lists, like the backend's
 * search (vntext.Fold): "le thi minh hoa" finds "Lê Thị Minh Họa".
 */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase()
}

/** The filter of every filterable NSelect and NTreeSelect: the option's label contains the pattern, diacritics and case ignored. */
export function matchVN(pattern: string, option: { label?: unknown }): boolean {
  const label = typeof option.label === 'string' ? option.label : String(option.label ?? '')
  return fold(label).includes(fold(pattern.trim()))
}
