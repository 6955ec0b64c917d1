import { plainToInstance, Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInteger = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;

/** Every setting the service reads from the environment, with its default. */
export class EnvironmentVariables {
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Any PostgreSQL; when absent an embedded PostgreSQL keeps its data under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = './.data';

  // 11 is the small-cell rule of the French health data system for published tables.
  @Transform(toInteger)
  @IsInt()
  @Min(11)
  MIN_GROUP_SIZE = 11;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(365)
  THRESHOLD_DAYS = 30;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  STATS_REFRESH_MINUTES = 60;
}

export class InvalidEnvironmentError extends Error {}

/** Validates the environment; throws one error naming every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const env = plainToInstance(EnvironmentVariables, defined);
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((error) => {
      const reasons = Object.values(error.constraints ?? {}).join(', ');
      return `${error.property}=${JSON.stringify(error.value)}: ${reasons}`;
    });
    throw new InvalidEnvironmentError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return env;
}
