import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import './style.css'

// Naive UI injects its styles at run time; keep them ahead of ours.
const meta = document.createElement('meta')
meta.name = 'naive-ui-style'
document.head.appendChild(meta)

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app')
