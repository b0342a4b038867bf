import { describe, expect, it } from 'vitest'
import { clampPage, newListState, setDeleted, setFilter, setPage, setPageSize, setSearch, setSort, sortOrderOf, toQuery } from './listState'
import { buildTree, descendantsOf } from './tree'

describe('list state', () => {
  it('goes back to page 1 when what is shown changes', () => {
    const s = newListState({ kind: '', active: '' }, 'sortOrder')
    setPage(s, 3)
    setSearch(s, 'nong thon')
    expect(s.page).toBe(1)
    setPage(s, 2)
    setFilter(s, 'kind', 'phong')
    expect(s.page).toBe(1)
    setPage(s, 2)
    setDeleted(s, true)
    expect(s.page).toBe(1)
    setPage(s, 4)
    setPageSize(s, 50)
    expect([s.page, s.pageSize]).toEqual([1, 50])
    setPageSize(s, 33)
    expect(s.pageSize).toBe(50)
  })

  it('keeps the page when nothing changes', () => {
    const s = newListState({ kind: '' })
    setPage(s, 3)
    setSearch(s, '')
    setFilter(s, 'kind', null)
    setDeleted(s, false)
    expect(s.page).toBe(3)
  })

  it('maps the table sorter to the query and back', () => {
    const s = newListState({}, 'sortOrder')
    setSort(s, { columnKey: 'name', order: 'descend' })
    expect([s.sortBy, s.desc]).toEqual(['name', true])
    expect(sortOrderOf(s, 'name')).toBe('descend')
    expect(sortOrderOf(s, 'kind')).toBe(false)
    setSort(s, { columnKey: 'name', order: false }, 'sortOrder')
    expect([s.sortBy, s.desc]).toEqual(['sortOrder', false])
  })

  it('builds the flat query the backend takes', () => {
    const s = newListState({ unitId: '', category: 'cong_chuc', active: 'yes' }, 'fullName')
    setSearch(s, '  Nguyễn ')
    expect(toQuery(s)).toEqual({
      search: 'Nguyễn', sortBy: 'fullName', desc: false, page: 1, pageSize: 20, deleted: false,
      unitId: '', category: 'cong_chuc', active: 'yes',
    })
  })

  it('steps back after the last page emptied', () => {
    const s = newListState({})
    setPage(s, 3)
    expect(clampPage(s, 40)).toBe(true)
    expect(s.page).toBe(2)
    expect(clampPage(s, 40)).toBe(false)
    expect(clampPage(s, 0)).toBe(true)
    expect(s.page).toBe(1)
  })
})

describe('unit tree', () => {
  const units = [
    { id: 'a', name: 'Lãnh đạo Sở' },
    { id: 'b', name: 'Văn phòng', parentId: null },
    { id: 'c', name: 'Tổ tổng hợp', parentId: 'b' },
    { id: 'd', name: 'Nhóm 1', parentId: 'c' },
    { id: 'e', name: 'Mồ côi', parentId: 'gone' },
  ]
  it('nests children and keeps orphans as roots', () => {
    expect(buildTree(units)).toEqual([
      { key: 'a', label: 'Lãnh đạo Sở' },
      { key: 'b', label: 'Văn phòng', children: [{ key: 'c', label: 'Tổ tổng hợp', children: [{ key: 'd', label: 'Nhóm 1' }] }] },
      { key: 'e', label: 'Mồ côi' },
    ])
  })
  it('leaves out a unit and its descendants (a unit cannot go under itself)', () => {
    expect(buildTree(units, 'c')).toEqual([{ key: 'a', label: 'Lãnh đạo Sở' }, { key: 'b', label: 'Văn phòng' }, { key: 'e', label: 'Mồ côi' }])
    expect([...descendantsOf(units, 'b')].sort()).toEqual(['b', 'c', 'd'])
  })
})
