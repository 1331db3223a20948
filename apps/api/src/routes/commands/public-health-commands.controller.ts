import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ledger/event-store';
import { CommandPreconditions, Preconditions } from './command-headers';
import { CommandEndpoint } from './command-openapi';
import { CommandAnswer, CommandSender, SubjectIdPipe } from './command-sender';
import { CurrentActor } from './current-actor';
import { RecordPremaritalCheckDto } from './dto/record-premarital-check.dto';
import { DecideWorkerPublicHealthCoverageDto } from './dto/decide-worker-public-health-coverage.dto';
import { OpenHealthRecordDto } from './dto/open-health-record.dto';

/** Commands on public-health-<workerId>: the worker's own health services (卫健委, panzhihua-2016-10 §(十四), fengdu-2017-29 §三). */
@ApiTags('health')
@ApiBearerAuth()
@Controller('v1/workers/:workerId')
export class PublicHealthCommandsController {
  constructor(private readonly commands: CommandSender) {}

  @CommandEndpoint('RecordPremaritalCheck', RecordPremaritalCheckDto)
  recordPremaritalCheck(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RecordPremaritalCheckDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RecordPremaritalCheck', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('DecideWorkerPublicHealthCoverage', DecideWorkerPublicHealthCoverageDto)
  decideWorkerPublicHealthCoverage(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: DecideWorkerPublicHealthCoverageDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('DecideWorkerPublicHealthCoverage', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('OpenHealthRecord', OpenHealthRecordDto)
  openHealthRecord(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: OpenHealthRecordDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('OpenHealthRecord', workerId, body, actor, preconditions, res);
  }
}
