import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import type { Component } from 'vue'
import { icons } from './components/icons'
import { emulationIcon } from './views/emulation/icon'
import { awardIcon } from './views/award/awardLabels'

/**
 * One entry per screen of the left menu. A later screen (địa bàn, đăng ký hỗ
 * trợ, tiêu chí, khen thưởng, văn bản) is one more entry here plus its label
 * in vi.json under nav.*.
 */
export interface Section {
  name: string
  path: string
  labelKey: string
  icon: Component
  /** Shown in the group at the bottom of the menu. */
  bottom?: boolean
  component: () => Promise<Component>
  /** Extra routes that belong to this section (highlight its menu entry). */
  children?: RouteRecordRaw[]
}

export const sections: Section[] = [
  { name: 'overview', path: '/', labelKey: 'nav.overview', icon: icons.overview, component: () => import('./views/DashboardView.vue') },
  { name: 'org', path: '/org', labelKey: 'nav.org', icon: icons.org, component: () => import('./views/org/OrgView.vue') },
  { name: 'staff', path: '/staff', labelKey: 'nav.staff', icon: icons.staff, component: () => import('./views/staff/StaffView.vue') },
  {
    name: 'campaigns',
    path: '/campaigns',
    labelKey: 'nav.campaigns',
    icon: icons.campaigns,
    component: () => import('./views/campaign/CampaignsView.vue'),
    children: [
      {
        path: '/campaigns/:id',
        name: 'campaign-edit',
        component: () => import('./views/campaign/CampaignEditor.vue'),
        props: true,
        meta: { section: 'campaigns' },
      },
    ],
  },
  { name: 'localities', path: '/localities', labelKey: 'nav.localities', icon: icons.localities, component: () => import('./views/locality/LocalitiesView.vue') },
  { name: 'sponsorships', path: '/sponsorships', labelKey: 'nav.sponsorships', icon: icons.sponsorships, component: () => import('./views/sponsor/SponsorView.vue') },
  {
    name: 'criteria',
    path: '/criteria',
    labelKey: 'nav.criteria',
    icon: icons.criteria,
    component: () => import('./views/criteria/CriteriaView.vue'),
    children: [
      { path: '/criteria/new', name: 'criteria-new', component: () => import('./views/criteria/CriteriaEditor.vue'), props: { id: 'new' }, meta: { section: 'criteria' } },
      { path: '/criteria/:id', name: 'criteria-set', component: () => import('./views/criteria/CriteriaSetView.vue'), props: true, meta: { section: 'criteria' } },
      { path: '/criteria/:id/edit', name: 'criteria-edit', component: () => import('./views/criteria/CriteriaEditor.vue'), props: true, meta: { section: 'criteria' } },
    ],
  },
  {
    name: 'assessments',
    path: '/assessments',
    labelKey: 'nav.assessments',
    icon: icons.assessments,
    component: () => import('./views/assessment/AssessmentsView.vue'),
    children: [
      { path: '/assessments/matrix', name: 'assessment-matrix', component: () => import('./views/assessment/MatrixView.vue'), meta: { section: 'assessments' } },
      { path: '/assessments/:id', name: 'assessment-checklist', component: () => import('./views/assessment/ChecklistView.vue'), props: true, meta: { section: 'assessments' } },
      { path: '/localities/:id/timeline', name: 'locality-timeline', component: () => import('./views/assessment/TimelineView.vue'), props: true, meta: { section: 'assessments' } },
    ],
  },
  {
    name: 'documents',
    path: '/documents',
    labelKey: 'nav.documents',
    icon: icons.documents,
    component: () => import('./views/document/DocumentsView.vue'),
    children: [
      { path: '/documents/:id', name: 'document-edit', component: () => import('./views/document/DocumentEditor.vue'), props: true, meta: { section: 'documents' } },
    ],
  },
  { name: 'emulation', path: '/emulation', labelKey: 'nav.emulation', icon: emulationIcon, component: () => import('./views/emulation/EmulationView.vue') },
  {
    name: 'awards',
    path: '/awards',
    labelKey: 'nav.awards',
    icon: awardIcon,
    component: () => import('./views/award/AwardsView.vue'),
    children: [
      { path: '/awards/proposals/:id', name: 'award-proposal', component: () => import('./views/award/ProposalView.vue'), props: true, meta: { section: 'awards' } },
    ],
  },
  { name: 'settings', path: '/settings', labelKey: 'nav.settings', icon: icons.settings, bottom: true, component: () => import('./views/SettingsView.vue') },
]

const routes: RouteRecordRaw[] = [
  ...sections.flatMap((s): RouteRecordRaw[] => [
    { path: s.path, name: s.name, component: s.component, meta: { section: s.name } },
    ...(s.children ?? []),
  ]),
  { path: '/:rest(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHashHistory(), routes })
