import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ledger/event-store';
import { CommandPreconditions, Preconditions } from './command-headers';
import { CommandEndpoint } from './command-openapi';
import { CommandAnswer, CommandSender, SubjectIdPipe } from './command-sender';
import { CurrentActor } from './current-actor';
import { SubmitRentalApplicationDto } from './dto/submit-rental-application.dto';
import { DecideRentalEligibilityDto } from './dto/decide-rental-eligibility.dto';
import { ReviewWaitlistEntryDto } from './dto/review-waitlist-entry.dto';
import { AllocateUnitDto } from './dto/allocate-unit.dto';
import { SignLeaseDto } from './dto/sign-lease.dto';
import { EndTenancyDto } from './dto/end-tenancy.dto';
import { RecordHomePurchaseDto } from './dto/record-home-purchase.dto';

/** Commands on housing-<workerId>: 公租房 and 购房. */
@ApiTags('housing')
@ApiBearerAuth()
@Controller('v1/workers/:workerId')
export class HousingCommandsController {
  constructor(private readonly commands: CommandSender) {}

  @CommandEndpoint('SubmitRentalApplication', SubmitRentalApplicationDto)
  submitRentalApplication(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: SubmitRentalApplicationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('SubmitRentalApplication', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('DecideRentalEligibility', DecideRentalEligibilityDto)
  decideRentalEligibility(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: DecideRentalEligibilityDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('DecideRentalEligibility', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('ReviewWaitlistEntry', ReviewWaitlistEntryDto)
  reviewWaitlistEntry(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: ReviewWaitlistEntryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('ReviewWaitlistEntry', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('AllocateUnit', AllocateUnitDto)
  allocateUnit(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: AllocateUnitDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('AllocateUnit', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('SignLease', SignLeaseDto)
  signLease(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: SignLeaseDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('SignLease', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('EndTenancy', EndTenancyDto)
  endTenancy(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: EndTenancyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('EndTenancy', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('RecordHomePurchase', RecordHomePurchaseDto)
  recordHomePurchase(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RecordHomePurchaseDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RecordHomePurchase', workerId, body, actor, preconditions, res);
  }
}
