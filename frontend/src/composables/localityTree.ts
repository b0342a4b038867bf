// A lazily loaded tree of localities (Children(parentId) on expand), for the
// tree beside the list and for the parent picker.
import { ref } from 'vue'
import { localityChildren, type LocalityRow } from '../api/locality'

export interface LocalityNode {
  [k: string]: unknown
  key: string
  label: string
  kind: string
  level: number
  isLeaf: boolean
  disabled?: boolean
  children?: LocalityNode[]
}

export function toNode(r: LocalityRow, label: (r: LocalityRow) => string = (x) => x.name): LocalityNode {
  return { key: r.id, label: label(r), kind: r.kind, level: r.level, isLeaf: (r.childCount ?? 0) === 0 }
}

export function useLocalityTree(opts: { maxLevel?: number; label?: (r: LocalityRow) => string } = {}) {
  const roots = ref<LocalityNode[]>([])
  const loading = ref(false)
  const make = (r: LocalityRow) => {
    const n = toNode(r, opts.label)
    // A parent picker never goes below the level a parent may have.
    if (opts.maxLevel && r.level >= opts.maxLevel) n.isLeaf = true
    return n
  }

  async function loadRoots() {
    loading.value = true
    try {
      roots.value = (await localityChildren('')).map(make)
    } finally {
      loading.value = false
    }
  }

  /** NTree/NTreeSelect on-load: fills node.children. */
  async function onLoad(node: { key?: string | number; children?: unknown }) {
    const kids = (await localityChildren(String(node.key))).map(make)
    ;(node as LocalityNode).children = kids
    if (!kids.length) (node as LocalityNode).isLeaf = true
  }

  function find(key: string, list: LocalityNode[] = roots.value): LocalityNode | null {
    for (const n of list) {
      if (n.key === key) return n
      if (n.children) {
        const f = find(key, n.children)
        if (f) return f
      }
    }
    return null
  }

  /** Loads the roots, then each ancestor's children, so that a chosen node shows. */
  async function seed(ancestorIds: string[]) {
    await loadRoots()
    for (const id of ancestorIds) {
      const n = find(id)
      if (!n || n.isLeaf) break
      if (!n.children) await onLoad(n)
    }
    roots.value = [...roots.value]
  }

  return { roots, loading, loadRoots, onLoad, seed, find }
}
