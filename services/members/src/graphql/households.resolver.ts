import type { GraphQLResolveInfo } from 'graphql';
import { Args, Directive, ID, Info, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { maskAddress, maskPhone, type Access } from '@steward/auth';
import { accessOf, CurrentAccess, listSize, loadInBatch, PageArgs, pageArgsOf, type RequestContext } from '@steward/service-kit';
import { PiiReader } from '../application/pii-reader';
import { OrgUnit } from './member.model';
import { CreateHouseholdInput, HouseholdFilter, HouseholdImportRow, UpdateHouseholdInput } from './household.input';
import { ImportSummary } from './import.model';
import { HouseholdImportService } from '../application/household-import.service';
import { Household, HouseholdConnection } from './household.model';
import { HouseholdsService } from '../application/households.service';

@Resolver(() => Household)
export class HouseholdsResolver {
  constructor(
    private readonly service: HouseholdsService,
    private readonly pii: PiiReader,
    private readonly imports: HouseholdImportService,
  ) {}

  @Query(() => Household, { nullable: true, description: '按 ID 查询户；超出管辖范围为 FORBIDDEN / One household by id; FORBIDDEN outside your units' })
  household(@CurrentAccess() access: Access, @Args('id', { type: () => ID, description: '户 ID / Household id' }) id: string): Promise<Household | null> {
    return this.service.findById(access, id);
  }

  @Query(() => HouseholdConnection, { description: '管辖范围内的户，可筛选、分页 / Households in your units, filtered and paginated' })
  @Directive(listSize.connection)
  households(
    @CurrentAccess() access: Access,
    @Args('filter', { type: () => HouseholdFilter, nullable: true, description: '户筛选条件 / Filter for households' }) filter: HouseholdFilter | undefined,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.service.list(access, filter ?? {}, pageArgsOf(page, info));
  }

  @Mutation(() => Household, { description: '在在用网格下登记户（需网格的 members:manage 权限） / Register a household under an active grid; needs members:manage on the grid' })
  createHousehold(@CurrentAccess() access: Access, @Args('input', { description: '户信息 / The household\'s details' }) input: CreateHouseholdInput): Promise<Household> {
    return this.service.create(access, input);
  }

  @Mutation(() => Household, {
    description: '修改户信息或迁至其他网格（需原网格及新网格的 members:manage 权限） / Change a household, or move it to another grid; needs members:manage on its grid (and on the new one)',
  })
  updateHousehold(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID, description: '户 ID / Household id' }) id: string,
    @Args('input', { description: '要修改的字段 / The fields to change' }) input: UpdateHouseholdInput,
  ): Promise<Household> {
    return this.service.update(access, id, input);
  }

  @Mutation(() => ImportSummary, {
    description:
      '导入户（电子表格）：按户编号新建或更新本乡镇的户；先校验每一行，任何一行有错则返回全部行错误（extensions.errors，BAD_USER_INPUT）且不写入；需对该乡镇有 members:manage。每次最多 1000 行，大文件分批（网关的 POST /imports/households 即如此）' +
      ' / Import households (spreadsheet rows) into a township by household code: every row is checked first; when any is bad, all row errors are answered (extensions.errors, BAD_USER_INPUT) and nothing is written. Needs members:manage over the township. At most 1000 rows a call (the gateway route POST /imports/households sends chunks)',
  })
  importHouseholds(
    @CurrentAccess() access: Access,
    @Args('townshipId', { type: () => ID, description: '乡镇 id / The township (TOWNSHIP unit)' }) townshipId: string,
    @Args('rows', { type: () => [HouseholdImportRow], description: '电子表格的行 / The spreadsheet rows' }) rows: HouseholdImportRow[],
    @Args('dryRun', { type: () => Boolean, defaultValue: false, description: '只校验并计数，不写入 / Only check and count; write nothing' }) dryRun: boolean,
  ): Promise<ImportSummary> {
    return this.imports.import(access, townshipId, rows, dryRun);
  }

  @ResolveField(() => String, {
    description: '住址（个人信息：无 pii:read 权限时脱敏） / Address (PII: masked unless you hold pii:read)\n' +
                 'Masked (青山村****) unless you hold pii:read on the household\'s grid; full reads are audited',
  })
  address(@CurrentAccess() access: Access, @Parent() household: Household): Promise<string> {
    return this.pii.read(access, this.personal(household, 'address', household.address, maskAddress));
  }

  @ResolveField(() => String, {
    nullable: true,
    description: '联系电话（个人信息：无 pii:read 权限时脱敏） / Contact phone, mobile or landline (PII: masked unless you hold pii:read)\n' +
                 'Masked unless you hold pii:read on the household\'s grid; full reads are audited',
  })
  phone(@CurrentAccess() access: Access, @Parent() household: Household): Promise<string | null> {
    return this.pii.read(access, this.personal(household, 'phone', household.phone, maskPhone));
  }

  @ResolveField(() => OrgUnit, { description: '所属网格，由组织子图解析 / The grid, resolved by the org subgraph' })
  grid(@Parent() household: Household): OrgUnit {
    return { id: household.gridId };
  }

  /** Nest hands a reference resolver the raw GraphQL context as its second argument. The references of one request are read in one query. */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Promise<Household | null> {
    const access = accessOf(context);
    return loadInBatch(context, 'Household', reference.id, (ids) => this.service.findByIds(access, ids));
  }

  private personal<T extends string | null>(household: Household, field: string, value: T, mask: (value: string) => string) {
    return { entity: 'Household' as const, entityId: household.id, field, value, paths: [household.orgPath], mask };
  }
}
