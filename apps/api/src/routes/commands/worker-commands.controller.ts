import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ledger/event-store';
import { CommandPreconditions, Preconditions } from './command-headers';
import { CommandEndpoint } from './command-openapi';
import { CommandAnswer, CommandSender, SubjectIdPipe } from './command-sender';
import { CurrentActor } from './current-actor';
import { RegisterWorkerDto } from './dto/register-worker.dto';
import { ChangeContactDetailsDto } from './dto/change-contact-details.dto';
import { RecordSkillCertificateDto } from './dto/record-skill-certificate.dto';
import { RecordEducationDto } from './dto/record-education.dto';
import { RecordViolationDto } from './dto/record-violation.dto';
import { ApplyForSettlementDto } from './dto/apply-for-settlement.dto';
import { RecordHukouMoveDto } from './dto/record-hukou-move.dto';

/** Commands on worker-<workerId>: who the worker is (流动人口信息). */
@ApiTags('residence-office')
@ApiBearerAuth()
@Controller('v1/workers/:workerId')
export class WorkerCommandsController {
  constructor(private readonly commands: CommandSender) {}

  @CommandEndpoint('RegisterWorker', RegisterWorkerDto)
  registerWorker(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RegisterWorkerDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RegisterWorker', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('ChangeContactDetails', ChangeContactDetailsDto)
  changeContactDetails(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: ChangeContactDetailsDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('ChangeContactDetails', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('RecordSkillCertificate', RecordSkillCertificateDto)
  recordSkillCertificate(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RecordSkillCertificateDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RecordSkillCertificate', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('RecordEducation', RecordEducationDto)
  recordEducation(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RecordEducationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RecordEducation', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('RecordViolation', RecordViolationDto)
  recordViolation(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RecordViolationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RecordViolation', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('ApplyForSettlement', ApplyForSettlementDto)
  applyForSettlement(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: ApplyForSettlementDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('ApplyForSettlement', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('RecordHukouMove', RecordHukouMoveDto)
  recordHukouMove(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RecordHukouMoveDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RecordHukouMove', workerId, body, actor, preconditions, res);
  }
}
