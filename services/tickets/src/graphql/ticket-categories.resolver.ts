import { Args, Directive, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess, listSize } from '@steward/service-kit';
import { MAX_CATEGORIES } from '../domain/category-fields';
import { TicketCategoriesService } from '../application/ticket-categories.service';
import { DefineTicketCategoryInput } from './ticket.input';
import { TicketCategory } from './ticket.model';

@Resolver(() => TicketCategory)
export class TicketCategoriesResolver {
  constructor(private readonly categories: TicketCategoriesService) {}

  @Query(() => [TicketCategory], {
    description: '工单类别目录：每个类别的当前版本及其专属字段，含已停用的 / The category catalogue (工单类别): the current version of every category with its typed fields, retired ones included',
  })
  @Directive(listSize.atMost(MAX_CATEGORIES))
  ticketCategories(@CurrentAccess() access: Access): Promise<TicketCategory[]> {
    return this.categories.list(access);
  }

  @Query(() => TicketCategory, {
    nullable: true,
    description: '一个类别的当前版本或指定的历史版本 / One category: its current version, or an earlier version (versions are kept)',
  })
  ticketCategory(
    @CurrentAccess() access: Access,
    @Args('code', { description: '类别代码 / Category code, e.g. ROADS' }) code: string,
    @Args('version', { type: () => Int, nullable: true, description: '版本，缺省为当前版本 / Version; default the current one' }) version?: number | null,
  ): Promise<TicketCategory | null> {
    return this.categories.find(access, code, version ?? undefined);
  }

  @Mutation(() => TicketCategory, {
    description:
      '保存工单类别的新版本（新代码即第 1 版），旧版本保留，已上报的工单仍按其版本显示；仅限全市管理员 / Stores the next version of a ticket category (version 1 of a new code); earlier versions are kept and tickets keep theirs. Only a city-wide administrator (FORBIDDEN otherwise); BAD_USER_INPUT for an invalid definition; CONFLICT when expectedVersion is not the current version',
  })
  defineTicketCategory(
    @CurrentAccess() access: Access,
    @Args('input', { description: '类别的完整定义 / The whole definition of the category' }) input: DefineTicketCategoryInput,
    @Args('expectedVersion', {
      type: () => Int,
      nullable: true,
      description: '你读到的当前版本（新类别为 0），不符即 CONFLICT / The current version you read (0 for a new code); CONFLICT if it moved on',
    })
    expectedVersion?: number | null,
  ): Promise<TicketCategory> {
    return this.categories.define(access, input, expectedVersion ?? undefined);
  }
}
