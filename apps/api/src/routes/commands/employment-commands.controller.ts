import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ledger/event-store';
import { CommandPreconditions, Preconditions } from './command-headers';
import { CommandEndpoint } from './command-openapi';
import { CommandAnswer, CommandSender, SubjectIdPipe } from './command-sender';
import { CurrentActor } from './current-actor';
import { RegisterEmploymentDto } from './dto/register-employment.dto';
import { RegisterUnemploymentDto } from './dto/register-unemployment.dto';
import { PlaceOnPublicPostDto } from './dto/place-on-public-post.dto';
import { GrantPublicPostSubsidyDto } from './dto/grant-public-post-subsidy.dto';
import { GrantStartupSubsidyDto } from './dto/grant-startup-subsidy.dto';
import { GrantStartupJobsSubsidyDto } from './dto/grant-startup-jobs-subsidy.dto';
import { ApproveGuaranteedLoanDto } from './dto/approve-guaranteed-loan.dto';
import { GrantAppraisalSubsidyDto } from './dto/grant-appraisal-subsidy.dto';
import { UpliftTrainingSubsidyDto } from './dto/uplift-training-subsidy.dto';
import { GrantTrainingAppraisalSubsidyDto } from './dto/grant-training-appraisal-subsidy.dto';
import { ApplyForLegalAidDto } from './dto/apply-for-legal-aid.dto';

/** Commands on employment-<workerId>: 就业失业登记, public posts, subsidies, loans, legal aid. */
@ApiTags('hrss')
@ApiBearerAuth()
@Controller('v1/workers/:workerId')
export class EmploymentCommandsController {
  constructor(private readonly commands: CommandSender) {}

  @CommandEndpoint('RegisterEmployment', RegisterEmploymentDto)
  registerEmployment(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RegisterEmploymentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RegisterEmployment', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('RegisterUnemployment', RegisterUnemploymentDto)
  registerUnemployment(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: RegisterUnemploymentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('RegisterUnemployment', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('PlaceOnPublicPost', PlaceOnPublicPostDto)
  placeOnPublicPost(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: PlaceOnPublicPostDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('PlaceOnPublicPost', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('GrantPublicPostSubsidy', GrantPublicPostSubsidyDto)
  grantPublicPostSubsidy(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: GrantPublicPostSubsidyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('GrantPublicPostSubsidy', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('GrantStartupSubsidy', GrantStartupSubsidyDto)
  grantStartupSubsidy(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: GrantStartupSubsidyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('GrantStartupSubsidy', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('GrantStartupJobsSubsidy', GrantStartupJobsSubsidyDto)
  grantStartupJobsSubsidy(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: GrantStartupJobsSubsidyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('GrantStartupJobsSubsidy', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('ApproveGuaranteedLoan', ApproveGuaranteedLoanDto)
  approveGuaranteedLoan(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: ApproveGuaranteedLoanDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('ApproveGuaranteedLoan', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('GrantAppraisalSubsidy', GrantAppraisalSubsidyDto)
  grantAppraisalSubsidy(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: GrantAppraisalSubsidyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('GrantAppraisalSubsidy', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('UpliftTrainingSubsidy', UpliftTrainingSubsidyDto)
  upliftTrainingSubsidy(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: UpliftTrainingSubsidyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('UpliftTrainingSubsidy', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('GrantTrainingAppraisalSubsidy', GrantTrainingAppraisalSubsidyDto)
  grantTrainingAppraisalSubsidy(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: GrantTrainingAppraisalSubsidyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('GrantTrainingAppraisalSubsidy', workerId, body, actor, preconditions, res);
  }

  @CommandEndpoint('ApplyForLegalAid', ApplyForLegalAidDto)
  applyForLegalAid(
    @CurrentActor() actor: Actor,
    @Preconditions() preconditions: CommandPreconditions,
    @Param('workerId', SubjectIdPipe) workerId: string,
    @Body() body: ApplyForLegalAidDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send('ApplyForLegalAid', workerId, body, actor, preconditions, res);
  }
}
