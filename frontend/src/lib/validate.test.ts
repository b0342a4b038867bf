import { describe, expect, it } from 'vitest'
import { checkActivity, checkAgency, checkCampaign, checkLocality, checkRegistration, checkStaff, checkUnit } from './checks'
import type { CampaignInput } from '../api/campaign'

const fields = (errs: { field: string; key: string }[]) => Object.fromEntries(errs.map((e) => [e.field, e.key]))

describe('client checks', () => {
  it('checks the agency like the backend', () => {
    const errs = checkAgency({
      name: '',
      parentBody: '',
      abbrev: 'KH STNMT',
      placeName: 'Quảng Bình',
      address: '',
      phone: 'abc',
      email: 'not-an-email',
      website: '',
      headTitle: '',
      headName: '',
      deputies: [{ title: 'PHÓ GIÁM ĐỐC', name: '' }],
    })
    expect(fields(errs)).toEqual({
      name: 'validation.required',
      abbrev: 'validation.abbrev',
      phone: 'validation.phone',
      email: 'validation.email',
      'deputies.0.name': 'validation.required',
    })
  })

  it('counts characters, not bytes, for lengths', () => {
    const base = { id: '', version: 0, shortName: '', kind: 'phong', active: true, sortOrder: 0, note: '' }
    expect(checkUnit({ ...base, name: 'Đ'.repeat(200) })).toEqual([])
    expect(checkUnit({ ...base, name: 'Đ'.repeat(201) })).toEqual([{ field: 'name', key: 'validation.tooLong', params: { max: 200, length: 201 } }])
    expect(fields(checkUnit({ ...base, name: 'Phòng A', kind: '', shortName: 'x'.repeat(61) }))).toEqual({
      kind: 'validation.required',
      shortName: 'validation.tooLong',
    })
  })

  it('checks staff birth date or year', () => {
    const p = {
      id: '', version: 0, fullName: 'Nguyễn Văn A', gender: 'nam', birthDate: '', birthYear: 0, position: '', rank: '',
      category: '', phone: '', email: '', active: true, note: '',
    }
    expect(checkStaff(p, '2026-11-28')).toEqual([])
    expect(fields(checkStaff({ ...p, birthDate: '2027-01-01' }, '2026-11-28'))).toEqual({ birthDate: 'validation.dateFuture' })
    expect(fields(checkStaff({ ...p, birthDate: '2020-02-30' }, '2026-11-28'))).toEqual({ birthDate: 'validation.date' })
    expect(fields(checkStaff({ ...p, birthYear: 2020 }, '2026-11-28'))).toEqual({ birthYear: 'validation.range' })
    expect(fields(checkStaff({ ...p, fullName: 'Nguyễn Văn 2', email: 'a b@c' }, '2026-11-28'))).toEqual({
      fullName: 'validation.staff.nameChars',
      email: 'validation.email',
    })
  })

  it('checks a campaign and its rows by index', () => {
    const c: CampaignInput = {
      id: '', version: 0, name: 'Phong trào', fromYear: 2025, toYear: 2021, description: '', active: false,
      legalBases: [{ number: '', date: '2022-13-01', issuer: '', title: '' }],
      targets: [{ label: 'Xã đạt chuẩn', metric: '', comparator: '>=', value: 120, valueUnit: '%', count: null, countUnit: '' }],
      milestones: [{ name: 'Sơ kết', kind: 'so_ket', dueDate: '', doneDate: '', note: '' }, { name: '', kind: '', dueDate: 'x', doneDate: '', note: '' }],
    }
    expect(fields(checkCampaign(c))).toEqual({
      toYear: 'validation.campaign.period',
      'legalBases.0.number': 'validation.required',
      'legalBases.0.date': 'validation.date',
      'targets.0.value': 'validation.range',
      'milestones.1.name': 'validation.required',
      'milestones.1.dueDate': 'validation.date',
    })
  })
})

describe('client checks for localities and sponsorships', () => {
  it('checks a locality: kind, parent below the province, validity order, code digits', () => {
    const base = {
      id: '', version: 0, code: '', name: 'Xã Dân Hóa', kind: 'xa', parentId: 'p', validFrom: '', validTo: '', specialDifficulty: true, border: true,
      mountain: true, coastalLowland: false, island: false, safeZone: false, ethnicArea: 'III', region: 'bac_trung_bo', communeGroup: 0, note: '',
    }
    expect(checkLocality(base)).toEqual([])
    expect(checkLocality({ ...base, kind: 'tinh', parentId: null })).toEqual([])
    expect(fields(checkLocality({ ...base, parentId: null, code: '19 000', validFrom: '2025-07-01', validTo: '2025-06-30' }))).toEqual({
      code: 'validation.locality.codeDigits',
      parentId: 'validation.locality.parentRequired',
      validTo: 'validation.locality.validPeriod',
    })
    expect(fields(checkLocality({ ...base, name: ' ', kind: '' }))).toEqual({ name: 'validation.required', kind: 'validation.required' })
  })

  it('checks a registration and an activity', () => {
    const r = {
      id: '', version: 0, unitId: 'u', localityId: 'l', fromDate: '2025-01-01', toDate: '', content: '', commitVisits: 0, commitFunds: 0, commitWorkdays: 0,
      commitNote: '', contactNote: '',
    }
    expect(checkRegistration(r)).toEqual([])
    expect(fields(checkRegistration({ ...r, unitId: '', localityId: '', toDate: '2024-12-31' }))).toEqual({
      unitId: 'validation.required',
      localityId: 'validation.required',
      toDate: 'validation.sponsor.period',
    })
    const a = { id: '', version: 0, registrationId: 'r', date: '2025-03-01', kind: 'khao_sat', description: 'Khảo sát', amountVND: 0, workdays: 1.5, result: '', participantIds: [] }
    expect(checkActivity(a, '2025-03-02')).toEqual([])
    expect(fields(checkActivity({ ...a, workdays: 1.25 }, '2025-03-02'))).toEqual({ workdays: 'validation.sponsor.oneDecimal' })
    expect(fields(checkActivity({ ...a, date: '2025-04-01', kind: '', description: '', amountVND: -1 }, '2025-03-02'))).toEqual({
      date: 'validation.dateFuture',
      kind: 'validation.required',
      description: 'validation.required',
      amountVND: 'validation.number',
    })
  })
})
