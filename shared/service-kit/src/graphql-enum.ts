import { registerEnumType } from '@nestjs/graphql';

type EnumOptions<T extends object> = NonNullable<Parameters<typeof registerEnumType<T>>[1]>;

/**
 * Registers a GraphQL enum whose values are the domain's string constants, so
 * domain code keeps plain string unions and GraphQL still sees a real enum.
 */
export function registerStringEnum<T extends string>(
  values: readonly T[],
  options: EnumOptions<Record<T, T>>,
): Record<T, T> {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;
  registerEnumType(enumObject, options);
  return enumObject;
}
