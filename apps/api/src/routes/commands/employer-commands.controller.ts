import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ledger/event-store';
import { CommandPreconditions, Preconditions } from './command-headers';
import { CommandEndpoint } from './command-openapi';
import { CommandAnswer, CommandSender, SubjectIdPipe } from './command-sender';
import { CurrentActor } from './current-actor';
import { RegisterSiteWorkerDto } from './dto/register-site-worker.dto';
import { RecordWagePaymentDto } from './dto/record-wage-payment.dto';
import { AwardAgencyPlacementDto } from './dto/award-agency-placement.dto';
import { ApproveFirmGuaranteedLoanDto } from './dto/approve-firm-guaranteed-loan.dto';

/** Commands on employer-<employerId>: rosters, wages, agency placements and firm loans. */
@ApiTags('hrss')
@ApiBearerAuth()
@Controller('v1/employers/:employerId')
export class EmployerCommandsController {
  constructor(private readonly commands: CommandSender) {}

  @CommandEndpoint('RegisterSiteWorker', RegisterSiteWorkerDto)
  registerSiteWorker(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('employerId', SubjectIdPipe) employerId: string,
    @Body() body: RegisterSiteWorkerDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RegisterSiteWorker', employerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('RecordWagePayment', RecordWagePaymentDto)
  recordWagePayment(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('employerId', SubjectIdPipe) employerId: string,
    @Body() body: RecordWagePaymentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RecordWagePayment', employerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('AwardAgencyPlacement', AwardAgencyPlacementDto)
  awardAgencyPlacement(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('employerId', SubjectIdPipe) employerId: string,
    @Body() body: AwardAgencyPlacementDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('AwardAgencyPlacement', employerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('ApproveFirmGuaranteedLoan', ApproveFirmGuaranteedLoanDto)
  approveFirmGuaranteedLoan(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('employerId', SubjectIdPipe) employerId: string,
    @Body() body: ApproveFirmGuaranteedLoanDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('ApproveFirmGuaranteedLoan', employerId, body, actor, preconditions, res);
  }
}
