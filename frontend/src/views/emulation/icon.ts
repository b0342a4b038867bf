import { h, type Component } from 'vue'

// The menu icon of "Thi đua" (a podium), drawn inline like the others in
// components/icons.ts.
export const emulationIcon: Component = {
  name: 'LineIcon',
  render: () =>
    h('svg', { viewBox: '0 0 24 24', width: '1em', height: '1em', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.8, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }, [
      h('path', { d: 'M3 21h18M4 21v-7h5v7M9 21V9h6v12M15 21v-5h5v5M12 3l.9 1.8 2 .3-1.45 1.4.35 2-1.8-.95-1.8.95.35-2L9.1 5.1l2-.3z' }),
    ]),
}
