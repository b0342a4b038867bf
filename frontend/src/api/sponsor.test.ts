import { describe, expect, it } from 'vitest'
import { getCompliance, getRegistration, nextStatuses, normaliseCompliance, sortCompliance, type ComplianceRow } from './sponsor'
import { getLocality, listLocalities, localityQuery } from './locality'

type Fn = (...args: unknown[]) => Promise<unknown>
function bridge(app: Record<string, Record<string, Fn>>) {
  ;(globalThis as unknown as { window: unknown }).window = { go: { app } }
}

const row = (over: Partial<ComplianceRow>): ComplianceRow => ({
  unitId: 'u', unitName: 'X', unitKind: 'phong', required: true, complies: true, activeRegistrations: 1, localities: [], ended: [], ...over,
})

describe('compliance', () => {
  it('puts required units that do not comply first, then complying, then not required; by name', () => {
    const sorted = sortCompliance([
      row({ unitId: '1', unitName: 'Văn phòng', complies: true }),
      row({ unitId: '2', unitName: 'Đảng ủy', required: false, complies: false, unitKind: 'dang' }),
      row({ unitId: '3', unitName: 'Phòng Tài nguyên nước', complies: false, activeRegistrations: 0 }),
      row({ unitId: '4', unitName: 'Chi cục Biển', complies: false, activeRegistrations: 0 }),
      row({ unitId: '5', unitName: 'Ban Giám đốc', required: false, complies: true }),
    ])
    expect(sorted.map((r) => r.unitId)).toEqual(['4', '3', '1', '5', '2'])
  })

  it('normalises nil lists', () => {
    const c = normaliseCompliance({ required: 2, complying: 1, referenceDate: '2025-01-01', units: [row({ localities: null as unknown as string[] })] })
    expect(c.units[0].localities).toEqual([])
    expect(normaliseCompliance({ required: 0, complying: 0, referenceDate: '', units: null as unknown as [] }).units).toEqual([])
  })

  it('reads through the binding and decodes errors', async () => {
    bridge({ Sponsors: { Compliance: () => Promise.resolve({ required: 3, complying: 2, units: null, referenceDate: '' }) } })
    await expect(getCompliance()).resolves.toEqual({ required: 3, complying: 2, units: [], referenceDate: '' })
    bridge({ Sponsors: { Compliance: () => Promise.reject('{"key":"errors.db.closed","code":"E-1"}') } })
    await expect(getCompliance()).rejects.toMatchObject({ key: 'errors.db.closed', code: 'E-1' })
  })
})

describe('registrations', () => {
  it('allows only the forward moves', () => {
    expect(nextStatuses('dang_ky')).toEqual(['dang_thuc_hien', 'huy'])
    expect(nextStatuses('dang_thuc_hien')).toEqual(['hoan_thanh', 'huy'])
    expect(nextStatuses('hoan_thanh')).toEqual([])
    expect(nextStatuses('huy')).toEqual([])
  })

  it('gives activities newest first with lists filled in', async () => {
    bridge({
      Sponsors: {
        Get: (id) =>
          Promise.resolve({
            id,
            activities: [
              { id: 'a', date: '2023-05-01', createdAt: '2023-05-01T00:00:00Z', participants: null, attachments: null },
              { id: 'b', date: '2024-01-02', createdAt: '2024-01-02T00:00:00Z', participants: [{ id: 's', fullName: 'Nguyễn Văn A' }], attachments: null },
            ],
          }),
      },
    })
    const d = await getRegistration('r1')
    expect(d.activities.map((a) => a.id)).toEqual(['b', 'a'])
    expect(d.activities[1].participants).toEqual([])
    expect(d.activities[0].attachments).toEqual([])
  })
})

describe('localities', () => {
  it('fills nil lists of the detail', async () => {
    bridge({ Localities: { Get: (id) => Promise.resolve({ id, name: 'Xã A', path: null, statuses: null, predecessors: null, successors: [] }) } })
    const d = await getLocality('l1')
    expect(d.path).toEqual([])
    expect(d.statuses).toEqual([])
    expect(d.predecessors).toEqual([])
    expect(d.current).toBeUndefined()
  })

  it('sends the whole query and fills a nil page', async () => {
    let sent: unknown
    bridge({
      Localities: {
        List: (q) => {
          sent = q
          return Promise.resolve({ items: null, total: 0, page: 1, pageSize: 20 })
        },
      },
    })
    const page = await listLocalities(localityQuery({ search: 'dan hoa', level: 3 }))
    expect(page.items).toEqual([])
    expect(sent).toMatchObject({ search: 'dan hoa', level: 3, flag: '', validity: '', parentId: '' })
  })
})
