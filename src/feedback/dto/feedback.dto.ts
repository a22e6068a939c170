import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Trim } from '../../common/validation/validators';

export class RubricCriterionDto {
  /** A short machine key, e.g. `preparation` (lower case letters, digits, `-`, `_`). */
  @Matches(/^[a-z][a-z0-9_-]{0,39}$/, { message: 'key must be 1-40 lower case letters, digits, - or _, starting with a letter' })
  key: string;

  /** What the volunteer reads, e.g. "Preparation". */
  @Trim()
  @IsString()
  @Length(1, 80)
  label: string;
}

export class PutRubricDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  criteria: RubricCriterionDto[];
}

export class RubricResponse {
  eventId: string;
  /** The scale is 1 (poor) to 4 (excellent) for every criterion. */
  criteria: RubricCriterionDto[];
  /** True when the event has not set its own and the default applies. */
  isDefault: boolean;
}

export class SubmitFeedbackDto {
  /** A score 1-4 per criterion key of the event's rubric, every criterion once: `{"preparation": 3, …}`. */
  @IsObject()
  scores: Record<string, number>;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class FeedbackScoreView {
  criterion: string;
  label: string;
  /** 1 (poor) to 4 (excellent). */
  score: number;
}

export class FeedbackResponse {
  bookingId: string;
  eventId: string;
  /** The event's rubric, for the form. */
  criteria: RubricCriterionDto[];
  /** False until the volunteer has sent it; then scores and comment are filled. */
  submitted: boolean;
  scores: FeedbackScoreView[];
  comment: string | null;
  submittedAt: string | null;
  updatedAt: string | null;
  /** Until when the volunteer may still change it. */
  editableUntil: string | null;
}
