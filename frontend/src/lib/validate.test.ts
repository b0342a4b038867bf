import { describe, expect, it } from 'vitest'
import { checkAgency, checkCampaign, checkStaff, checkUnit } from './checks'
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
