// A copy of what was typed in a checklist and not yet confirmed saved, kept
// in the page's local storage: if the window closes or the program stops
// before the autosave reaches the database, the next opening of the same
// checklist puts the typed values back and saves them.
import type { Entry } from './checklist'

const PREFIX = 'chungsuc.checklist.'

export interface Journal {
  /** Records the latest typed entry of an indicator. */
  put(indicatorId: string, entry: Entry): void
  /** Forgets an indicator's entry (it reached the database). */
  remove(indicatorId: string): void
  /** The entry of an indicator, if one is kept. */
  get(indicatorId: string): Entry | undefined
  /** Every kept entry by indicator id. */
  all(): Record<string, Entry>
  /** Forgets everything kept for this checklist. */
  clear(): void
}

/** The journal of one assessment, in the given storage (local storage by default). */
export function checklistJournal(assessmentId: string, storage: Storage | null = safeLocalStorage()): Journal {
  const key = PREFIX + assessmentId
  let memory: Record<string, Entry> = {}
  const read = (): Record<string, Entry> => {
    if (!storage) return memory
    try {
      const raw = storage.getItem(key)
      const data = raw ? (JSON.parse(raw) as unknown) : {}
      return data && typeof data === 'object' ? (data as Record<string, Entry>) : {}
    } catch {
      return {}
    }
  }
  const write = (data: Record<string, Entry>) => {
    memory = data
    if (!storage) return
    try {
      if (Object.keys(data).length) storage.setItem(key, JSON.stringify(data))
      else storage.removeItem(key)
    } catch {
      // A full or blocked storage only loses the crash copy, never the save.
    }
  }
  return {
    put(id, entry) {
      write({ ...read(), [id]: { ...entry } })
    },
    remove(id) {
      const data = read()
      if (id in data) {
        delete data[id]
        write(data)
      }
    },
    get: (id) => read()[id],
    all: () => read(),
    clear: () => write({}),
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof window !== 'undefined' && window.localStorage ? window.localStorage : null
  } catch {
    return null
  }
}

/** Whether two entries hold the same typed content. */
export function sameEntry(a: Entry, b: Entry): boolean {
  return (
    a.value === b.value &&
    a.numText === b.numText &&
    a.override === b.override &&
    a.overrideReason === b.overrideReason &&
    a.note === b.note
  )
}
