// The state of a list screen (search, filters, sort, page, deleted view) and
// the rules that tie them: any change of what is shown goes back to page 1.

export const PAGE_SIZES = [20, 50, 100] as const

export interface ListState<F extends Record<string, string>> {
  search: string
  sortBy: string
  desc: boolean
  page: number
  pageSize: number
  deleted: boolean
  filters: F
}

export function newListState<F extends Record<string, string>>(filters: F, sortBy = '', pageSize = 20): ListState<F> {
  return { search: '', sortBy, desc: false, page: 1, pageSize, deleted: false, filters: { ...filters } }
}

export function setSearch(s: ListState<Record<string, string>>, text: string): void {
  if (s.search === text) return
  s.search = text
  s.page = 1
}

export function setFilter<F extends Record<string, string>>(s: ListState<F>, name: keyof F, value: string | null): void {
  const v = (value ?? '') as F[keyof F]
  if (s.filters[name] === v) return
  s.filters[name] = v
  s.page = 1
}

export function setDeleted(s: ListState<Record<string, string>>, deleted: boolean): void {
  if (s.deleted === deleted) return
  s.deleted = deleted
  s.page = 1
}

/** Applies a table sorter ({columnKey, order: 'ascend'|'descend'|false}). */
export function setSort(
  s: ListState<Record<string, string>>,
  sorter: { columnKey: string | number; order: 'ascend' | 'descend' | false } | null,
  fallback = '',
): void {
  if (!sorter || sorter.order === false) {
    s.sortBy = fallback
    s.desc = false
  } else {
    s.sortBy = String(sorter.columnKey)
    s.desc = sorter.order === 'descend'
  }
  s.page = 1
}

export function setPage(s: ListState<Record<string, string>>, page: number): void {
  s.page = Math.max(1, Math.floor(page) || 1)
}

export function setPageSize(s: ListState<Record<string, string>>, size: number): void {
  if (!(PAGE_SIZES as readonly number[]).includes(size) || s.pageSize === size) return
  s.pageSize = size
  s.page = 1
}

/** The sort order a table column shows for this state. */
export function sortOrderOf(s: ListState<Record<string, string>>, column: string): 'ascend' | 'descend' | false {
  if (s.sortBy !== column) return false
  return s.desc ? 'descend' : 'ascend'
}

/** The query the backend takes: the common fields plus the filters, flat. */
export function toQuery<F extends Record<string, string>>(s: ListState<F>) {
  return {
    search: s.search.trim(),
    sortBy: s.sortBy,
    desc: s.desc,
    page: s.page,
    pageSize: s.pageSize,
    deleted: s.deleted,
    ...s.filters,
  }
}

/** After a delete empties the last page, step back one page. */
export function clampPage(s: ListState<Record<string, string>>, total: number): boolean {
  const last = Math.max(1, Math.ceil(total / s.pageSize))
  if (s.page > last) {
    s.page = last
    return true
  }
  return false
}
