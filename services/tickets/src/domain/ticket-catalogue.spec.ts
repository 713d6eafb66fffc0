import { loadTicketPolicies } from './policies';
import { TicketCatalogue, type CatalogueData } from './ticket-catalogue';
import categories from './categories.json';
import dispatch from './dispatch-catalogue.json';
import feedback from './feedback-policy.json';
import channels from './intake-channels.json';

const { catalogue } = loadTicketPolicies();
const data: CatalogueData = { categories, dispatch, channels, feedback };

describe('category taxonomy', () => {
  it('holds the categories of the story with their Chinese names', () => {
    const names = Object.fromEntries(catalogue.categories.map((category) => [category.code, category.name]));
    expect(names).toMatchObject({
      WATER_IRRIGATION: '水利灌溉',
      ROADS: '道路交通',
      SANITATION: '环境卫生',
      NEIGHBOUR_DISPUTE: '邻里纠纷',
      SOCIAL_ASSISTANCE: '社会救助',
      PUBLIC_SECURITY: '社会治安',
      ADMINISTRATIVE_SERVICES: '行政服务',
      OTHER: '其他',
    });
    expect(catalogue.category('NO_SUCH_THING')).toBeUndefined();
  });

  it('routes every category somewhere explicit', () => {
    for (const category of catalogue.categories) {
      expect(dispatch.routes.some((route) => route.category === category.code)).toBe(true);
    }
  });
});

describe('dispatch catalogue: (category, location level) → start level', () => {
  it.each([
    ['WATER_IRRIGATION', 'GRID', 'GRID'], // 小事不出村: small matters stay in the grid
    ['WATER_IRRIGATION', 'ADMIN_VILLAGE', 'TOWNSHIP'], // village-wide irrigation works: category + location route
    ['WATER_IRRIGATION', 'NATURAL_VILLAGE', 'ADMIN_VILLAGE'], // a natural village has no single grid
    ['ROADS', 'GRID', 'ADMIN_VILLAGE'],
    ['PUBLIC_SECURITY', 'GRID', 'TOWNSHIP'], // 大事不出镇
    ['NEIGHBOUR_DISPUTE', 'TOWNSHIP', 'TOWNSHIP'], // never below the location
    ['SOCIAL_ASSISTANCE', 'ADMIN_VILLAGE', 'ADMIN_VILLAGE'],
  ] as const)('%s at a %s starts at %s', (category, locationLevel, expected) => {
    expect(catalogue.startLevel(category, locationLevel)).toBe(expected);
  });

  it('falls back to the default start level for a category without routes', () => {
    const withoutRoute = new TicketCatalogue({
      ...data,
      dispatch: { defaultStartLevel: 'ADMIN_VILLAGE', routes: [] },
    });
    expect(withoutRoute.startLevel('OTHER', 'GRID')).toBe('ADMIN_VILLAGE');
  });

  it.each([
    ['a route to an unknown category', { ...data, dispatch: { defaultStartLevel: 'GRID', routes: [{ category: 'ROADZ', startLevel: 'GRID' }] } }],
    ['two routes for one key', { ...data, dispatch: { defaultStartLevel: 'GRID', routes: [{ category: 'ROADS', startLevel: 'GRID' }, { category: 'ROADS', startLevel: 'TOWNSHIP' }] } }],
    ['a start level that is not a dispatch level', { ...data, dispatch: { defaultStartLevel: 'CITY', routes: [] } }],
    ['a duplicate category code', { ...data, categories: { categories: [...categories.categories, categories.categories[0]] } }],
    ['a lower-case category code', { ...data, categories: { categories: [{ code: 'roads', name: '道路', nameEn: 'Roads' }] } }],
    ['a missing channel', { ...data, channels: { channels: { HOTLINE: channels.channels.HOTLINE } } }],
    ['a negative reopen limit', { ...data, feedback: { ...feedback, maxReopens: -1 } }],
  ])('refuses data with %s', (_name, broken) => {
    expect(() => new TicketCatalogue(broken as CatalogueData)).toThrow();
  });
});

describe('intake channels', () => {
  it('knows who enters each channel', () => {
    expect(catalogue.channel('HOTLINE')).toMatchObject({ enteredBy: 'STAFF' });
    expect(catalogue.channel('GRID_REPORT')).toMatchObject({ enteredBy: 'MEMBER' });
    expect(catalogue.channel('API')).toMatchObject({ enteredBy: 'INTEGRATION' });
    expect(catalogue.channel('PETITION').requiresReporter).toBe(true);
  });
});
