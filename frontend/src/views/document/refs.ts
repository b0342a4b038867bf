// The register's reference lists (types, issuers, signers), loaded once and
// again when the data is replaced underneath (restore, setup) or a type is saved.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { listIssuers, listSigners, listTypes, type DocType, type Issuer, type Signer } from '../../api/document'
import { useAppStore } from '../../stores/app'

export const useDocRefs = defineStore('docRefs', () => {
  const types = ref<DocType[]>([])
  const issuers = ref<Issuer[]>([])
  const signers = ref<Signer[]>([])
  const loaded = ref(false)
  let pending: Promise<void> | null = null

  async function load(force = false): Promise<void> {
    if (loaded.value && !force) return
    pending ??= (async () => {
      try {
        const [t, i, s] = await Promise.all([listTypes(), listIssuers(), listSigners()])
        types.value = t
        issuers.value = i
        signers.value = s
        loaded.value = true
      } finally {
        pending = null
      }
    })()
    return pending
  }

  const app = useAppStore()
  watch(
    () => app.epoch,
    () => {
      loaded.value = false
    },
  )

  const typeByCode = computed(() => new Map(types.value.map((t) => [t.code, t])))
  const issuerByKey = computed(() => new Map(issuers.value.map((i) => [i.key, i])))
  const activeTypes = computed(() => types.value.filter((t) => t.active))

  return { types, issuers, signers, loaded, load, typeByCode, issuerByKey, activeTypes }
})
