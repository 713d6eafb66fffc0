import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: '导入结果：新建、更新、未变的行数 / What an import did: rows created, updated and unchanged' })
export class ImportSummary {
  @Field(() => Int, { description: '新建 / Records created' }) created!: number;
  @Field(() => Int, { description: '更新 / Records changed' }) updated!: number;
  @Field(() => Int, { description: '未变（重复导入同一文件时全部未变） / Rows that changed nothing (all of them when the same file is imported again)' })
  unchanged!: number;
}
