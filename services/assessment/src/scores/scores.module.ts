import { Module } from '@nestjs/common';
import { ScoreRepository } from './score.repository';
import { MemberScoreResolver, OrgUnitScoreResolver, ScoresResolver } from './scores.resolver';
import { ScoresService } from './scores.service';

@Module({ providers: [ScoreRepository, ScoresService, ScoresResolver, MemberScoreResolver, OrgUnitScoreResolver] })
export class ScoresModule {}
