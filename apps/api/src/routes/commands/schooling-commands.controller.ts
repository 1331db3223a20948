import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ledger/event-store';
import { CommandPreconditions, Preconditions } from './command-headers';
import { CommandEndpoint } from './command-openapi';
import { CommandAnswer, CommandSender, SubjectIdPipe } from './command-sender';
import { CurrentActor } from './current-actor';
import { RegisterChildDto } from './dto/register-child.dto';
import { RecordVaccinationCheckDto } from './dto/record-vaccination-check.dto';
import { OpenVaccinationRecordDto } from './dto/open-vaccination-record.dto';
import { DecidePublicHealthCoverageDto } from './dto/decide-public-health-coverage.dto';
import { ApplyForEnrollmentDto } from './dto/apply-for-enrollment.dto';
import { DecideEnrollmentEligibilityDto } from './dto/decide-enrollment-eligibility.dto';
import { OfferSeatDto } from './dto/offer-seat.dto';
import { DeclineAdmissionDto } from './dto/decline-admission.dto';
import { EnrollDto } from './dto/enroll.dto';
import { DecideExamEligibilityDto } from './dto/decide-exam-eligibility.dto';

/** Commands on schooling-<childId>: 随迁子女入学 (and 卫健委 for vaccination). */
@ApiTags('education')
@ApiBearerAuth()
@Controller('v1/children/:childId')
export class SchoolingCommandsController {
  constructor(private readonly commands: CommandSender) {}

  @CommandEndpoint('RegisterChild', RegisterChildDto)
  registerChild(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('childId', SubjectIdPipe) childId: string,
    @Body() body: RegisterChildDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RegisterChild', childId, body, actor, preconditions, res);
  }

  @CommandEndpoint('RecordVaccinationCheck', RecordVaccinationCheckDto)
  recordVaccinationCheck(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('childId', SubjectIdPipe) childId: string,
    @Body() body: RecordVaccinationCheckDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RecordVaccinationCheck', childId, body, actor, preconditions, res);
  }

  @CommandEndpoint('OpenVaccinationRecord', OpenVaccinationRecordDto)
  openVaccinationRecord(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('childId', SubjectIdPipe) childId: string,
    @Body() body: OpenVaccinationRecordDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('OpenVaccinationRecord', childId, body, actor, preconditions, res);
  }

  @CommandEndpoint('DecidePublicHealthCoverage', DecidePublicHealthCoverageDto)
  decidePublicHealthCoverage(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('childId', SubjectIdPipe) childId: string,
    @Body() body: DecidePublicHealthCoverageDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('DecidePublicHealthCoverage', childId, body, actor, preconditions, res);
  }

  @CommandEndpoint('ApplyForEnrollment', ApplyForEnrollmentDto)
  applyForEnrollment(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('childId', SubjectIdPipe) childId: string,
    @Body() body: ApplyForEnrollmentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('ApplyForEnrollment', childId, body, actor, preconditions, res);
  }

  @CommandEndpoint('DecideEnrollmentEligibility', DecideEnrollmentEligibilityDto)
  decideEnrollmentEligibility(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('childId', SubjectIdPipe) childId: string,
    @Body() body: DecideEnrollmentEligibilityDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('DecideEnrollmentEligibility', childId, body, actor, preconditions, res);
  }

  @CommandEndpoint('OfferSeat', OfferSeatDto)
  offerSeat(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('childId', SubjectIdPipe) childId: string,
    @Body() body: OfferSeatDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('OfferSeat', childId, body, actor, preconditions, res);
  }

  @CommandEndpoint('DeclineAdmission', DeclineAdmissionDto)
  declineAdmission(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('childId', SubjectIdPipe) childId: string,
    @Body() body: DeclineAdmissionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('DeclineAdmission', childId, body, actor, preconditions, res);
  }

  @CommandEndpoint('Enroll', EnrollDto)
  enroll(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('childId', SubjectIdPipe) childId: string,
    @Body() body: EnrollDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('Enroll', childId, body, actor, preconditions, res);
  }

  @CommandEndpoint('DecideExamEligibility', DecideExamEligibilityDto)
  decideExamEligibility(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('childId', SubjectIdPipe) childId: string,
    @Body() body: DecideExamEligibilityDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('DecideExamEligibility', childId, body, actor, preconditions, res);
  }
}
