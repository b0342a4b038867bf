// The unit hierarchy for trees and tree selects.

export interface UnitLike {
  id: string
  name: string
  parentId?: string | null
  sortOrder?: number
}

export interface TreeOption {
  [k: string]: unknown
  key: string
  label: string
  children?: TreeOption[]
}

/**
 * Builds the forest of units; a unit whose parent is missing (deleted) is a
 * root. Units listed in exclude, and everything under them, are left out.
 */
export function buildTree(units: UnitLike[], exclude?: string): TreeOption[] {
  const ids = new Set(units.map((u) => u.id))
  const children = new Map<string, UnitLike[]>()
  const roots: UnitLike[] = []
  for (const u of units) {
    const p = u.parentId && ids.has(u.parentId) && u.parentId !== u.id ? u.parentId : ''
    if (!p) roots.push(u)
    else children.set(p, [...(children.get(p) ?? []), u])
  }
  const seen = new Set<string>()
  const walk = (list: UnitLike[]): TreeOption[] =>
    list
      .filter((u) => u.id !== exclude && !seen.has(u.id))
      .map((u) => {
        seen.add(u.id)
        const kids = walk(children.get(u.id) ?? [])
        return kids.length ? { key: u.id, label: u.name, children: kids } : { key: u.id, label: u.name }
      })
  return walk(roots)
}

/** The ids of a unit and all units below it. */
export function descendantsOf(units: UnitLike[], id: string): Set<string> {
  const out = new Set<string>([id])
  let grew = true
  while (grew) {
    grew = false
    for (const u of units) {
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id)
        grew = true
      }
    }
  }
  return out
}
