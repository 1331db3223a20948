import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ledger/event-store';
import { CommandPreconditions, Preconditions } from './command-headers';
import { CommandEndpoint } from './command-openapi';
import { CommandAnswer, CommandSender, SubjectIdPipe } from './command-sender';
import { CurrentActor } from './current-actor';
import { RegisterResidenceDto } from './dto/register-residence.dto';
import { CorrectArrivalDateDto } from './dto/correct-arrival-date.dto';
import { ApplyForPermitDto } from './dto/apply-for-permit.dto';
import { IssuePermitDto } from './dto/issue-permit.dto';
import { EndorsePermitDto } from './dto/endorse-permit.dto';
import { RecordEndorsementLapseDto } from './dto/record-endorsement-lapse.dto';
import { ChangeAddressDto } from './dto/change-address.dto';
import { RevokePermitDto } from './dto/revoke-permit.dto';

/** Commands on residence-permit-<workerId>: 居住登记 and 居住证. */
@ApiTags('public-security')
@ApiBearerAuth()
@Controller('v1/workers/:workerId')
export class ResidencePermitCommandsController {
  constructor(private readonly commands: CommandSender) {}

  @CommandEndpoint('RegisterResidence', RegisterResidenceDto)
  registerResidence(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RegisterResidenceDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RegisterResidence', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('CorrectArrivalDate', CorrectArrivalDateDto)
  correctArrivalDate(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: CorrectArrivalDateDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('CorrectArrivalDate', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('ApplyForPermit', ApplyForPermitDto)
  applyForPermit(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: ApplyForPermitDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('ApplyForPermit', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('IssuePermit', IssuePermitDto)
  issuePermit(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: IssuePermitDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('IssuePermit', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('EndorsePermit', EndorsePermitDto)
  endorsePermit(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: EndorsePermitDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('EndorsePermit', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('RecordEndorsementLapse', RecordEndorsementLapseDto)
  recordEndorsementLapse(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RecordEndorsementLapseDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RecordEndorsementLapse', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('ChangeAddress', ChangeAddressDto)
  changeAddress(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: ChangeAddressDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('ChangeAddress', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('RevokePermit', RevokePermitDto)
  revokePermit(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RevokePermitDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RevokePermit', workerId, body, actor, preconditions, res);
  }
}
