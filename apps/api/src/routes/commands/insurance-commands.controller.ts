import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ledger/event-store';
import { CommandPreconditions, Preconditions } from './command-headers';
import { CommandEndpoint } from './command-openapi';
import { CommandAnswer, CommandSender, SubjectIdPipe } from './command-sender';
import { CurrentActor } from './current-actor';
import { RecordContributionsDto } from './dto/record-contributions.dto';
import { EnrolWorkerDto } from './dto/enrol-worker.dto';
import { RequestTransferDto } from './dto/request-transfer.dto';
import { IssueTransferLetterDto } from './dto/issue-transfer-letter.dto';
import { ReceiveTransferFundsDto } from './dto/receive-transfer-funds.dto';
import { CompleteTransferDto } from './dto/complete-transfer.dto';
import { RejectTransferDto } from './dto/reject-transfer.dto';

/** Commands on insurance-<workerId>: contributions and 社保关系转移接续. */
@ApiTags('hrss')
@ApiBearerAuth()
@Controller('v1/workers/:workerId')
export class InsuranceCommandsController {
  constructor(private readonly commands: CommandSender) {}

  @CommandEndpoint('RecordContributions', RecordContributionsDto)
  recordContributions(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RecordContributionsDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RecordContributions', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('EnrolWorker', EnrolWorkerDto)
  enrolWorker(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: EnrolWorkerDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('EnrolWorker', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('RequestTransfer', RequestTransferDto)
  requestTransfer(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RequestTransferDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RequestTransfer', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('IssueTransferLetter', IssueTransferLetterDto)
  issueTransferLetter(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: IssueTransferLetterDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('IssueTransferLetter', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('ReceiveTransferFunds', ReceiveTransferFundsDto)
  receiveTransferFunds(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: ReceiveTransferFundsDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('ReceiveTransferFunds', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('CompleteTransfer', CompleteTransferDto)
  completeTransfer(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: CompleteTransferDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('CompleteTransfer', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('RejectTransfer', RejectTransferDto)
  rejectTransfer(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RejectTransferDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RejectTransfer', workerId, body, actor, preconditions, res);
  }
}
