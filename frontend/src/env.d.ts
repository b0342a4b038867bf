/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

// Test hooks on native inputs passed through Naive UI's input-props.
declare module '@vue/runtime-dom' {
  interface HTMLAttributes {
    'data-testid'?: string
  }
}
export {}
