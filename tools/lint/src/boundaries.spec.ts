import { RuleTester } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import plugin from './boundaries.cjs';

const repoRoot = path.resolve(__dirname, '../../..');
const at = (file: string) => path.join(repoRoot, file);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const rule = plugin.rules.boundaries;

tester.run('steward/boundaries', rule, {
  valid: [
    { filename: at('gateway/src/main.ts'), code: "import { createLogger } from '@steward/service-kit/core';" },
    { filename: at('services/members/src/application/auth.service.ts'), code: "import { issueToken } from '@steward/auth/jwt';" },
    { filename: at('services/visits/src/application/visits.service.ts'), code: "import { InjectMongo } from '@steward/service-kit';" },
    // a folder of this service named like another service
    { filename: at('services/visits/src/application/visits.service.ts'), code: "import { x } from '../tickets/ticket-visits';" },
    { filename: at('services/members/test/members.test.ts'), code: "import { memberSchema } from '../src/persistence/member.schema';" },
    { filename: at('shared/auth/src/index.ts'), code: "export * from './jwt-free';" },
    // end-to-end tests of the gateway reuse a service's test helpers
    { filename: at('gateway/test/ticket-loop.test.ts'), code: "import { startTickets } from '../../services/tickets/test/helpers';" },
    { filename: at('services/assessment/src/domain/placement.ts'), code: "import { Access } from '@steward/auth'; import { z } from 'zod';" },
    { filename: at('services/tickets/src/domain/ticket-rules.ts'), code: "import { BadUserInputError } from '@steward/errors';" },
    { filename: at('shared/service-kit/src/connections.ts'), code: "import { setWriteClaimsMode } from '@steward/persistence'; import mongoose from 'mongoose';" },
    { filename: at('shared/service-kit/src/bootstrap.ts'), code: "import { NestFactory } from '@nestjs/core';" },
    // scripts run built apps
    { filename: at('bench/lib/ranking.mjs'), code: "const { periodsOf } = require('../../services/assessment/dist/domain/periods');" },
  ],
  invalid: [
    { filename: at('gateway/src/config.ts'), code: "import { Secret } from '@steward/service-kit/dist/config';", errors: [{ messageId: 'distImport' }] },
    { filename: at('gateway/src/config.ts'), code: "import { Secret } from '@steward/service-kit/config';", errors: [{ messageId: 'notExported' }] },
    { filename: at('services/members/src/x.ts'), code: "import type { WriteClaims } from '@steward/persistence/dist/write-claims';", errors: [{ messageId: 'distImport' }] },
    { filename: at('services/org/src/x.ts'), code: "import { hashPassword } from '../../../shared/auth/src/passwords';", errors: [{ messageId: 'relativeShared' }] },
    { filename: at('tools/stack.cjs'), code: "const { hashPassword } = require('../shared/auth/dist');", errors: [{ messageId: 'relativeShared' }] },
    { filename: at('bench/lib/peer.mjs'), code: "const { sign } = createRequire(import.meta.url)('../../shared/auth/dist');", errors: [{ messageId: 'relativeShared' }] },
    { filename: at('services/visits/src/x.ts'), code: "import { TicketStatus } from '@steward/tickets';", errors: [{ messageId: 'appImport' }] },
    { filename: at('services/visits/src/domain/x.ts'), code: "import { TicketStatus } from '../../../tickets/src/domain/ticket-terms';", errors: [{ messageId: 'crossApp' }] },
    { filename: at('services/visits/test/x.test.ts'), code: "export { startTickets } from '../../tickets/test/helpers';", errors: [{ messageId: 'crossApp' }] },
    { filename: at('gateway/src/x.ts'), code: "const terms = require('../../services/tickets/src/domain/ticket-terms');", errors: [{ messageId: 'crossApp' }] },
    { filename: at('services/assessment/src/domain/scoring.ts'), code: "import { Injectable } from '@nestjs/common';", errors: [{ messageId: 'frameworkInDomain' }] },
    { filename: at('services/members/src/domain/member-rules.ts'), code: "import type { Model } from 'mongoose';", errors: [{ messageId: 'frameworkInDomain' }] },
    { filename: at('services/visits/src/domain/duty-rules.ts'), code: "import { Kafka } from 'kafkajs';", errors: [{ messageId: 'frameworkInDomain' }] },
    { filename: at('services/tickets/src/domain/ticket-rules.ts'), code: "import { findKeysetPage } from '@steward/service-kit/core';", errors: [{ messageId: 'frameworkInDomain' }] },
    { filename: at('shared/service-kit/src/config.ts'), code: "import type { LoggerService } from '@nestjs/common';", errors: [{ messageId: 'frameworkInCore' }] },
    { filename: at('shared/service-kit/src/keyset-page.ts'), code: "import type { PageArgs } from './pagination';", errors: [{ messageId: 'nonCoreInCore' }] },
  ],
});
