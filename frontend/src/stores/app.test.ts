import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useAppStore } from './app'

// The thin bridge Wails injects: window.go.app.System.<Method>(...) → Promise.
type Fn = (...args: unknown[]) => Promise<unknown>
function bridge(system: Record<string, Fn>) {
  ;(globalThis as unknown as { window: unknown }).window = { go: { app: { System: system } } }
}

const status = (over: Record<string, unknown> = {}) => ({
  appVersion: '0.1.0', dbKind: 'sqlite', dbLocation: '/tmp/x.db', dataDir: '/tmp', logFile: '/tmp/l.log', backupDir: '/tmp/b',
  schemaVersion: 1, firstRun: false, sampleLoaded: false, agencyName: 'SỞ TN&MT', parentBody: 'UBND TỈNH', activeCampaign: undefined,
  canBackup: true, ...over,
})
const choices = () => Promise.resolve({ unitKinds: ['phong'], staffCategories: [], genders: [], milestoneKinds: [], targetComparators: [] })

describe('app store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('is ready once the status says the agency exists', async () => {
    bridge({ Status: () => Promise.resolve(status()), Choices: choices })
    const app = useAppStore()
    expect(app.phase).toBe('loading')
    await app.init()
    expect(app.phase).toBe('ready')
    expect(app.choices.unitKinds).toEqual(['phong'])
  })

  it('asks for setup on first run, then is ready', async () => {
    let first = true
    bridge({
      Status: () => Promise.resolve(status({ firstRun: first })),
      Setup: (agency, useSample) => {
        expect(useSample).toBe(true)
        expect(agency).toEqual({})
        first = false
        return Promise.resolve(status({ sampleLoaded: true }))
      },
      Choices: choices,
    })
    const app = useAppStore()
    await app.init()
    expect(app.phase).toBe('setup')
    const epoch = app.epoch
    await app.setup(null, true)
    expect(app.phase).toBe('ready')
    expect(app.status?.sampleLoaded).toBe(true)
    expect(app.epoch).toBe(epoch + 1)
  })

  it('shows the start-up error with its code, and recovers on reconnect', async () => {
    let up = false
    bridge({
      Status: () => Promise.reject('{"key":"errors.db.unreachable","params":{"server":"10.0.0.5:5432"},"code":"E-AB12CD"}'),
      Reconnect: () => (up ? Promise.resolve(status()) : Promise.reject('{"key":"errors.db.unreachable","code":"E-2"}')),
      Choices: choices,
    })
    const app = useAppStore()
    await app.init()
    expect(app.phase).toBe('error')
    expect(app.error?.key).toBe('errors.db.unreachable')
    expect(app.error?.code).toBe('E-AB12CD')
    await app.reconnect()
    expect(app.phase).toBe('error')
    expect(app.error?.code).toBe('E-2')
    up = true
    await app.reconnect()
    expect(app.phase).toBe('ready')
  })

  it('takes the new status after a restore and tells the screens to reload', () => {
    const app = useAppStore()
    app.replaced(status({ agencyName: 'Khác' }))
    expect(app.status?.agencyName).toBe('Khác')
    expect(app.epoch).toBe(1)
  })
})
