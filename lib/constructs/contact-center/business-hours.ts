import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { MUSCAT_TIME_ZONE } from '../../config/runtime-config.ts';
import type { StageConfig } from '../../config/stage-config.ts';
import { connectName } from './labels.ts';

type Calendar = StageConfig['businessCalendar'];

const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

const timeSlice = (hhmm: string) => {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return { hours: hours as number, minutes: minutes as number };
};

/** The working week (0 = Sunday) as Connect's weekly hours, in Asia/Muscat time. */
export function weeklyHours(
  calendar: Calendar,
): connect.CfnHoursOfOperation.HoursOfOperationConfigProperty[] {
  return [...new Set(calendar.workingDays)]
    .sort((a, b) => a - b)
    .map((day) => ({
      day: DAYS[day] as string,
      startTime: timeSlice(calendar.dayStart),
      endTime: timeSlice(calendar.dayEnd),
    }));
}

const nextDay = (isoDate: string) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Holidays as closed overrides: consecutive dates make one override (Eid is several days), and an
 * override without hours closes the center from its first to its last date.
 */
export function holidayOverrides(
  holidays: readonly string[],
): connect.CfnHoursOfOperation.HoursOfOperationOverrideProperty[] {
  const ranges: { from: string; till: string }[] = [];
  for (const date of [...new Set(holidays)].sort()) {
    const last = ranges.at(-1);
    if (last && nextDay(last.till) === date) last.till = date;
    else ranges.push({ from: date, till: date });
  }
  return ranges.map(({ from, till }) => ({
    overrideName: from === till ? `عطلة | Holiday ${from}` : `عطلة | Holiday ${from} – ${till}`,
    overrideDescription: 'businessCalendar.holidays',
    effectiveFrom: from,
    effectiveTill: till,
    overrideConfig: [],
  }));
}

/**
 * The contact center's hours (`${hours:main}` in flows; every Nidaa queue uses them): the business
 * calendar of the stage, Sunday–Thursday in Asia/Muscat, closed on its holidays.
 */
export class BusinessHours extends Construct {
  readonly hoursArn: string;

  constructor(scope: Construct, id: string, props: { instanceArn: string; config: StageConfig }) {
    super(scope, id);
    const { businessCalendar, contactCenter } = props.config;
    const hours = new connect.CfnHoursOfOperation(this, 'Hours', {
      instanceArn: props.instanceArn,
      name: connectName(contactCenter.hours.name),
      description: connectName(contactCenter.hours.description),
      timeZone: MUSCAT_TIME_ZONE,
      config: weeklyHours(businessCalendar),
      hoursOfOperationOverrides: holidayOverrides(businessCalendar.holidays),
    });
    this.hoursArn = hours.attrHoursOfOperationArn;
  }
}
