import { defineStore } from 'pinia'
import { reactive } from 'vue'
import { newListState } from '../lib/listState'

/** The list screens' query state, kept while the user moves between screens. */
export const useListsStore = defineStore('lists', () => {
  const units = reactive(newListState({ kind: '', parentId: '', active: '' }, 'sortOrder'))
  const staff = reactive(newListState({ unitId: '', category: '', active: '' }, 'fullName'))
  const campaigns = reactive(newListState({}, ''))
  const localities = reactive(newListState({ parentId: '', kind: '', level: '', flag: '', ntmLevel: '', validity: '' }, 'level'))
  const registrations = reactive(newListState({ unitId: '', localityId: '', campaignId: '', status: '' }, ''))
  const documents = reactive(newListState({ status: '', typeCode: '', year: '' }, ''))
  return { units, staff, campaigns, localities, registrations, documents }
})
