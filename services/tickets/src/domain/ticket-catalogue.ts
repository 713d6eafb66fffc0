import { z } from 'zod';
import { CATEGORY_CODE, categoryDefinitionSchema, type CategoryDefinition, type CategoryVersion } from './category-fields';
import { compareLevels, TICKET_LEVELS, type TicketLevel } from './ticket-state-machine';
import { TICKET_CHANNELS, type TicketChannel } from './ticket-terms';

/** Levels of the unit where a problem is (the location); 自然村 sits between the administrative village and its grids. */
export const LOCATION_LEVELS = ['GRID', 'NATURAL_VILLAGE', 'ADMIN_VILLAGE', 'TOWNSHIP'] as const;
export type LocationLevel = (typeof LOCATION_LEVELS)[number];

/** The lowest level a ticket located at a unit of this level can start at. */
const FLOOR: Record<LocationLevel, TicketLevel> = {
  GRID: 'GRID',
  NATURAL_VILLAGE: 'ADMIN_VILLAGE',
  ADMIN_VILLAGE: 'ADMIN_VILLAGE',
  TOWNSHIP: 'TOWNSHIP',
};

const CODE = CATEGORY_CODE;

const categoriesSchema = z.object({ categories: z.array(categoryDefinitionSchema).min(1) });
/** A category as categories.json holds it: version 1, stored into the database at the first start (see CategoryStore). */
export type Category = CategoryDefinition;

const dispatchSchema = z.object({
  defaultStartLevel: z.enum(TICKET_LEVELS),
  routes: z.array(
    z.strictObject({
      category: z.string().regex(CODE).optional(),
      locationLevel: z.enum(LOCATION_LEVELS).optional(),
      startLevel: z.enum(TICKET_LEVELS),
    }),
  ),
});
type Route = z.infer<typeof dispatchSchema>['routes'][number];

const channelsSchema = z.object({
  channels: z.record(
    z.enum(TICKET_CHANNELS),
    z.strictObject({
      name: z.string().min(1),
      enteredBy: z.enum(['STAFF', 'MEMBER', 'INTEGRATION']),
      requiresReporter: z.boolean(),
    }),
  ),
});
export type ChannelRule = z.infer<typeof channelsSchema>['channels'][TicketChannel];

const feedbackPolicySchema = z.object({
  reopenOnUnsatisfied: z.boolean(),
  maxReopens: z.number().int().min(0),
  closeOnSatisfied: z.boolean(),
});
export type FeedbackPolicy = z.infer<typeof feedbackPolicySchema>;

export interface CatalogueData {
  categories: unknown;
  dispatch: unknown;
  channels: unknown;
  feedback: unknown;
}

/**
 * The category taxonomy as shipped (version 1 of each category: the database
 * holds the catalogue from the first start on), the dispatch catalogue, the
 * intake channels and the feedback policy, from data.
 */
export class TicketCatalogue {
  readonly categories: readonly Category[];
  readonly feedbackPolicy: FeedbackPolicy;
  private readonly byCode: ReadonlyMap<string, Category>;
  private readonly routes: ReadonlyMap<string, TicketLevel>;
  private readonly defaultStartLevel: TicketLevel;
  private readonly channels: Readonly<Record<TicketChannel, ChannelRule>>;

  constructor(data: CatalogueData) {
    this.categories = categoriesSchema.parse(data.categories).categories;
    this.byCode = new Map(this.categories.map((category) => [category.code, category]));
    if (this.byCode.size !== this.categories.length) throw new Error('category catalogue: duplicate code');

    const dispatch = dispatchSchema.parse(data.dispatch);
    this.defaultStartLevel = dispatch.defaultStartLevel;
    const routes = new Map<string, TicketLevel>();
    for (const route of dispatch.routes) {
      if (route.category !== undefined && !this.byCode.has(route.category)) {
        throw new Error(`dispatch catalogue: unknown category ${route.category}`);
      }
      const key = routeKey(route.category, route.locationLevel);
      if (routes.has(key)) throw new Error(`dispatch catalogue: two routes for ${key}`);
      routes.set(key, route.startLevel);
    }
    this.routes = routes;

    this.channels = channelsSchema.parse(data.channels).channels;
    const missing = TICKET_CHANNELS.filter((channel) => !this.channels[channel]);
    if (missing.length > 0) throw new Error(`channel catalogue: missing ${missing.join(', ')}`);

    this.feedbackPolicy = feedbackPolicySchema.parse(data.feedback);
  }

  /** Version 1 of every shipped category, what the first start stores. */
  seedVersions(): CategoryVersion[] {
    return this.categories.map((category) => ({ ...category, version: 1, createdAt: null, createdBy: null }));
  }

  get categoryCodes(): ReadonlySet<string> {
    return new Set(this.byCode.keys());
  }

  category(code: string): Category | undefined {
    return this.byCode.get(code);
  }

  channel(channel: TicketChannel): ChannelRule {
    return this.channels[channel];
  }

  /** The level a new ticket of `category` located at a unit of `locationLevel` starts at. */
  startLevel(category: string, locationLevel: LocationLevel): TicketLevel {
    const routed =
      this.routes.get(routeKey(category, locationLevel)) ??
      this.routes.get(routeKey(category, undefined)) ??
      this.routes.get(routeKey(undefined, locationLevel)) ??
      this.defaultStartLevel;
    const floor = FLOOR[locationLevel];
    return compareLevels(routed, floor) < 0 ? floor : routed;
  }
}

function routeKey(category: Route['category'], locationLevel: Route['locationLevel']): string {
  return `${category ?? '*'}@${locationLevel ?? '*'}`;
}

export function isLocationLevel(level: string): level is LocationLevel {
  return (LOCATION_LEVELS as readonly string[]).includes(level);
}
