/** Swaps item i with its neighbour (by -1 or +1); false when there is none. */
export function moveItem<T>(list: T[], i: number, by: -1 | 1): boolean {
  const j = i + by
  if (i < 0 || j < 0 || i >= list.length || j >= list.length) return false
  ;[list[i], list[j]] = [list[j], list[i]]
  return true
}
