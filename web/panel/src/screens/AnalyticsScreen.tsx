import { type ReactNode, useEffect, useMemo, useState } from 'react';
import {
  type Dimension,
  DRILL_DOWN_PAGE_SIZE,
  FIGURES,
  type FigureAnswer,
  type FigureName,
  NO_WILAYAT,
} from '../../../../functions/core/analytics/figures.ts';
import { CHANNELS, type Channel } from '../../../../functions/core/case/case.ts';
import { localDate } from '../../../../functions/core/sla/business-calendar.ts';
import { LAND } from '../../../shared/muscat-land.ts';
import {
  type Bar,
  barsOption,
  hotspotMapOption,
  stackedOption,
  timeOption,
} from '../analytics/chart-options.ts';
import { type ChartMap, EChart } from '../analytics/EChart.tsx';
import { type CodeNames, exportColumns, exportRows } from '../analytics/export-columns.ts';
import {
  type Period,
  PRESETS,
  type Preset,
  periodOfPoint,
  presetPeriod,
  timeGroupingFor,
  timeKeys,
} from '../analytics/periods.ts';
import { wilayatAreas } from '../analytics/wilayat-areas.ts';
import type { InsightsCases, InsightsQuery } from '../api.ts';
import { ExportButtons } from '../components/ExportButtons.tsx';
import { RegionBoundary } from '../components/RegionBoundary.tsx';
import { formatTime } from '../format.ts';
import { Ltr, pick, type StringKey, useLang, useT, When } from '../i18n.tsx';
import { CHANNEL, STATUS, TIER } from '../labels.ts';
import { href } from '../router.ts';
import { useSession } from '../session.tsx';
import { messageOf } from './CaseScreen.tsx';

/** The filters the screen offers: every dimension of the figures but the tier (a per-figure grouping). */
const FILTERS = [
  'department',
  'category',
  'wilayat',
  'channel',
  'language',
] as const satisfies readonly Dimension[];
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/** What the screen asks, one figure question per card; filters a figure cannot take are left out. */
const CARDS = {
  timeline: { figure: 'volume', groupBy: 'time' },
  channels: { figure: 'volume', groupBy: 'channel' },
  hotspots: { figure: 'volume', groupBy: 'wilayat,category' },
  backlog: { figure: 'backlog', groupBy: 'department' },
  sla: { figure: 'sla_compliance', groupBy: 'department' },
  outcomes: { figure: 'case_outcomes', groupBy: '' },
  response: { figure: 'response_times', groupBy: 'department,category' },
  satisfaction: { figure: 'satisfaction', groupBy: '' },
  calls: { figure: 'calls', groupBy: 'channel' },
  containment: { figure: 'ivr_containment', groupBy: '' },
  ivrNodes: { figure: 'ivr_nodes', groupBy: 'node' },
  callbacks: { figure: 'callbacks', groupBy: '' },
  deliveries: { figure: 'delivery_failures', groupBy: 'channel' },
  cost: { figure: 'channel_cost', groupBy: 'channel' },
} as const satisfies Record<string, { figure: FigureName; groupBy: string }>;
type CardName = keyof typeof CARDS;
/** A card's answer, or the API's error as it came (put in words when shown, in the language then chosen). */
type CardState = { answer?: FigureAnswer; error?: unknown };

const STORAGE_KEY = 'nidaa.panel.analytics';
const MAP_NAME = 'nidaa-wilayats';
const HEAT_COLUMNS = 6;

type Saved = { preset: Preset | 'custom'; period: Period; filters: Filters };

function restore(today: string): Saved {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Saved | null;
    if (saved?.period?.from && saved.period.to) {
      // A preset moves with the days; a chosen period stays as chosen.
      return saved.preset === 'custom' ? saved : { ...saved, period: presetPeriod(saved.preset, today) };
    }
  } catch {
    // Nothing saved, or something unreadable: start afresh.
  }
  return { preset: 'last30', period: presetPeriod('last30', today), filters: {} };
}

/** The query of a card: the period, the filters its figure takes, its grouping. */
function questionOf(card: CardName, period: Period, filters: Filters) {
  const { figure, groupBy } = CARDS[card];
  const dims: readonly Dimension[] = FIGURES[figure].dimensions;
  const ignored = FILTERS.filter((f) => filters[f] && !dims.includes(f));
  const query: InsightsQuery = {
    from: period.from,
    to: period.to,
    groupBy: groupBy === 'time' ? timeGroupingFor(period) : groupBy,
    ...Object.fromEntries(FILTERS.filter((f) => filters[f] && dims.includes(f)).map((f) => [f, filters[f]])),
  };
  return { figure, query, ignored };
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const orDash = (v: unknown, suffix = '') => (typeof v === 'number' ? `${v}${suffix}` : '—');

/** What one unit of a channel is, in the cost table (channel_cost.sql counts these). */
const UNIT_OF: Record<string, { ar: string; en: string }> = {
  sms: { ar: 'مقطع', en: 'segments' },
  email: { ar: 'رسالة', en: 'messages' },
  fax: { ar: 'رسالة', en: 'messages' },
  voice: { ar: 'دقيقة', en: 'minutes' },
  chat: { ar: 'محادثة', en: 'contacts' },
  task: { ar: 'مهمة', en: 'tasks' },
};
/** A horizontal bar chart's height: room for each bar and the axis. */
const barsHeight = (bars: number) => `${Math.max(8, bars * 2.2 + 2)}rem`;
/** IVR menus shown in the drop-off chart: the ones callers leave most. */
const TOP_MENUS = 10;

const AGE_BANDS: [string, StringKey][] = [
  ['under_1_day', 'ageUnder1'],
  ['days_1_to_3', 'age1to3'],
  ['days_3_to_7', 'age3to7'],
  ['days_7_to_30', 'age7to30'],
  ['over_30_days', 'ageOver30'],
];

type DrillRequest = { title: string; query: InsightsQuery };

export function AnalyticsScreen() {
  const { api, me, now } = useSession();
  const t = useT();
  const lang = useLang();
  const rtl = lang === 'ar';
  const today = localDate(now(), me.calendar);
  const [saved, setSaved] = useState<Saved>(() => restore(today));
  const [cards, setCards] = useState<Partial<Record<CardName, CardState>>>({});
  const [drill, setDrill] = useState<DrillRequest>();
  const [mapCategory, setMapCategory] = useState('');
  const { period, filters } = saved;
  const ignoredBy = useMemo(
    () =>
      Object.fromEntries(
        (Object.keys(CARDS) as CardName[]).map((card) => [card, questionOf(card, period, filters).ignored]),
      ) as Record<CardName, Dimension[]>,
    [period, filters],
  );

  useEffect(() => sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved)), [saved]);

  useEffect(() => {
    let stopped = false;
    setCards({});
    for (const card of Object.keys(CARDS) as CardName[]) {
      const { figure, query } = questionOf(card, period, filters);
      api.figure(figure, query).then(
        (answer) => !stopped && setCards((c) => ({ ...c, [card]: { answer } })),
        (error: unknown) => !stopped && setCards((c) => ({ ...c, [card]: { error } })),
      );
    }
    return () => {
      stopped = true;
    };
  }, [api, period, filters]);

  const names = useMemo(() => {
    const find = <T extends { code: string; name: { ar: string; en: string } }>(
      list: readonly T[],
      code: string,
    ) => pick(list.find((x) => x.code === code)?.name, lang, code);
    return {
      department: (code: string) => find(me.catalogue.departments, code),
      category: (code: string) => find(me.catalogue.categories, code),
      wilayat: (code: string) =>
        code === NO_WILAYAT ? t('unknownPlace') : find(me.catalogue.wilayats, code),
      channel: (code: string) => pick(CHANNEL[code as Channel], lang, code),
      language: (code: string) => (code === 'ar' ? t('langAr') : code === 'en' ? t('langEn') : code),
    };
  }, [me, lang, t]);

  // The wilayat areas, computed once per catalogue (the labels come from the option, in the language shown);
  // the map chart registers them when they change.
  const wilayatMap = useMemo<ChartMap>(
    () => ({
      name: MAP_NAME,
      geoJson: wilayatAreas(me.catalogue.wilayats, LAND, me.catalogue.serviceArea.bbox),
    }),
    [me.catalogue],
  );

  const setPreset = (preset: Preset) => setSaved({ ...saved, preset, period: presetPeriod(preset, today) });
  const setDay = (which: 'from' | 'to', value: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    const next = { ...period, [which]: value };
    if (next.from > next.to) return;
    setSaved({ ...saved, preset: 'custom', period: next });
  };
  const setFilter = (name: (typeof FILTERS)[number], value: string) =>
    setSaved({ ...saved, filters: { ...filters, [name]: value || undefined } });

  /** Opens the cases behind a number: this view's period and filters, narrowed by what was selected. */
  const open = (title: string, narrower: InsightsQuery = {}, within: Period = period) =>
    setDrill({
      title,
      query: { figure: 'volume', from: within.from, to: within.to, ...filters, ...narrower },
    });
  const timeline = cards.timeline?.answer;
  const grouping = timeGroupingFor(period);
  const timePoints: Bar[] = timeline
    ? timeKeys(period, grouping).map((key) => ({
        key,
        label: key,
        value: num(timeline.rows.find((r) => r[grouping] === key)?.cases),
      }))
    : [];
  const channelBars: Bar[] = (cards.channels?.answer?.rows ?? [])
    .map((r) => ({ key: String(r.channel), label: names.channel(String(r.channel)), value: num(r.cases) }))
    .sort((a, b) => b.value - a.value);

  const hotspotRows = cards.hotspots?.answer?.rows ?? [];
  const categoriesByCount = [...new Set(hotspotRows.map((r) => String(r.category)))]
    .map((code) => ({
      code,
      total: hotspotRows.filter((r) => r.category === code).reduce((s, r) => s + num(r.cases), 0),
    }))
    .sort((a, b) => b.total - a.total);
  const heatColumns = categoriesByCount.slice(0, HEAT_COLUMNS).map((c) => c.code);
  const heatPlaces = [...me.catalogue.wilayats.map((w) => w.code), NO_WILAYAT].filter(
    (code) => !filters.wilayat || filters.wilayat === code,
  );
  const cell = (wilayat: string, category: string) =>
    num(hotspotRows.find((r) => r.wilayat === wilayat && r.category === category)?.cases);
  const heatMax = Math.max(1, ...heatPlaces.flatMap((w) => heatColumns.map((c) => cell(w, c))));
  const mapCounts = me.catalogue.wilayats.map((w) => ({
    code: w.code,
    value: hotspotRows
      .filter((r) => r.wilayat === w.code && (!mapCategory || r.category === mapCategory))
      .reduce((s, r) => s + num(r.cases), 0),
  }));

  const slaRows = cards.sla?.answer?.rows ?? [];
  const backlogRows = cards.backlog?.answer?.rows ?? [];
  const outcomes = cards.outcomes?.answer?.total;
  const satisfaction = cards.satisfaction?.answer?.total;
  const responseRows = [...(cards.response?.answer?.rows ?? [])]
    .sort((a, b) => num(b.cases) - num(a.cases))
    .slice(0, 12);

  const calls = cards.calls?.answer?.total;
  const callRows = cards.calls?.answer?.rows ?? [];
  const containment = cards.containment?.answer?.total;
  const callbacks = cards.callbacks?.answer?.total;
  const nodeRows = [...(cards.ivrNodes?.answer?.rows ?? [])]
    .sort((a, b) => num(b.drops) - num(a.drops) || num(b.visits) - num(a.visits))
    .slice(0, TOP_MENUS);
  const deliveryRows = cards.deliveries?.answer?.rows ?? [];
  const costRows = cards.cost?.answer?.rows ?? [];
  const currency = cards.cost?.answer?.currency ?? '';

  const periodLabel = `${period.from} – ${period.to}`;
  /** What every card takes from the view: the period, its answer, the filters its figure could not take. */
  const cardOf = (card: CardName) => ({ period, state: cards[card], ignored: ignoredBy[card], names });
  // Options change only with the answers, the language or the map's category: charts redraw only then.
  // biome-ignore lint/correctness/useExhaustiveDependencies: derived from `cards`, `mapCategory` and `lang`
  const options = useMemo(
    () => ({
      time: timeOption(timePoints, rtl, t('casesOpened'), grouping === 'day'),
      channels: barsOption(channelBars, rtl, t('casesOpened')),
      map: hotspotMapOption(MAP_NAME, mapCounts, names.wilayat, rtl, {
        low: '0',
        high: String(Math.max(0, ...mapCounts.map((c) => c.value))),
      }),
      sla: barsOption(
        slaRows.map((r) => ({
          key: String(r.department),
          label: names.department(String(r.department)),
          value: num(r.compliance_pct),
        })),
        rtl,
        t('slaCompliance'),
        '%',
        100,
      ),
      backlog: stackedOption(
        backlogRows.map((r) => names.department(String(r.department))),
        AGE_BANDS.map(([column, label]) => ({
          name: t(label),
          values: backlogRows.map((r) => num(r[column])),
        })),
        rtl,
      ),
      ivrNodes: barsOption(
        nodeRows.map((r) => ({ key: String(r.node), label: String(r.node), value: num(r.drops) })),
        rtl,
        t('drops'),
      ),
      deliveries: barsOption(
        deliveryRows.map((r) => ({
          key: String(r.channel),
          label: names.channel(String(r.channel)),
          value: num(r.failure_pct),
        })),
        rtl,
        t('failureShare'),
        '%',
        100,
      ),
    }),
    [cards, mapCategory, rtl, names],
  );

  return (
    <section aria-labelledby="analytics-title" className="analytics">
      <div className="analytics-head">
        <h1 id="analytics-title">{t('analyticsTitle')}</h1>
      </div>
      <p className="muted small">{t('analyticsIntro')}</p>

      <form
        className="analytics-controls card"
        aria-label={t('filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <fieldset className="period">
          <legend>{t('period')}</legend>
          <div className="presets">
            {PRESETS.map((p) => (
              <button
                key={p}
                type="button"
                aria-pressed={saved.preset === p}
                className={saved.preset === p ? 'primary' : ''}
                onClick={() => setPreset(p)}
              >
                {t(p === 'week' ? 'presetWeek' : p === 'month' ? 'presetMonth' : 'presetLast30')}
              </button>
            ))}
          </div>
          <label>
            {t('dateFrom')}
            <input
              className="analytics-field"
              type="date"
              dir="ltr"
              value={period.from}
              max={period.to}
              onChange={(e) => setDay('from', e.target.value)}
            />
          </label>
          <label>
            {t('dateTo')}
            <input
              className="analytics-field"
              type="date"
              dir="ltr"
              value={period.to}
              min={period.from}
              max={today}
              onChange={(e) => setDay('to', e.target.value)}
            />
          </label>
        </fieldset>
        <fieldset className="filters">
          <legend>{t('filters')}</legend>
          {FILTERS.map((f) => {
            const options: string[] =
              f === 'department'
                ? me.catalogue.departments.map((d) => d.code)
                : f === 'category'
                  ? me.catalogue.categories.map((c) => c.code)
                  : f === 'wilayat'
                    ? [...me.catalogue.wilayats.map((w) => w.code), NO_WILAYAT]
                    : f === 'channel'
                      ? [...CHANNELS]
                      : ['ar', 'en'];
            return (
              <label key={f}>
                {t(f === 'category' ? 'category' : f === 'department' ? 'department' : f)}
                <select
                  className="analytics-field"
                  value={filters[f] ?? ''}
                  onChange={(e) => setFilter(f, e.target.value)}
                  data-filter={f}
                >
                  <option value="">{t('all')}</option>
                  {options.map((code) => (
                    <option key={code} value={code}>
                      {names[f](code)}
                    </option>
                  ))}
                </select>
              </label>
            );
          })}
        </fieldset>
      </form>

      <RegionBoundary region="analytics-tiles">
        <div className="tiles analytics-tiles">
          <Tile label={t('casesOpened')} stat="cases-opened" state={cards.timeline}>
            <DrillNum
              onOpen={open}
              value={num(timeline?.total.cases)}
              title={`${t('casesOpened')} · ${periodLabel}`}
            />
          </Tile>
          <Tile label={t('openNow')} stat="open-now" state={cards.backlog}>
            <Ltr>{num(cards.backlog?.answer?.total.open_cases)}</Ltr>
          </Tile>
          <Tile label={t('slaCompliance')} stat="sla-compliance" state={cards.sla}>
            <Ltr>{orDash(cards.sla?.answer?.total.compliance_pct, '%')}</Ltr>
          </Tile>
          <Tile label={t('firstContact')} stat="first-contact" state={cards.outcomes}>
            <Ltr>{orDash(outcomes?.first_contact_pct, '%')}</Ltr>
          </Tile>
          <Tile
            label={t('satisfactionAvg')}
            stat="satisfaction"
            state={cards.satisfaction}
            note={
              <>
                <Ltr>{num(satisfaction?.ratings)}</Ltr> {t('ratings')}
              </>
            }
          >
            {typeof satisfaction?.average === 'number' ? (
              <Ltr>{`${satisfaction.average} / 5`}</Ltr>
            ) : (
              t('noRatings')
            )}
          </Tile>
        </div>
      </RegionBoundary>

      <div className="analytics-grid">
        <Card {...cardOf('timeline')} id="volume-time" title={t('volumeOverTime')} wide>
          <EChart
            label={t('volumeOverTime')}
            option={options.time}
            onClick={(p) => {
              const key = timePoints[p.dataIndex ?? -1]?.key;
              if (key) open(`${t('casesOpened')} · ${key}`, {}, periodOfPoint(grouping, key, period));
            }}
          />
        </Card>

        <Card {...cardOf('channels')} id="by-channel" title={t('byChannel')}>
          <EChart
            label={t('byChannel')}
            height={barsHeight(channelBars.length)}
            option={options.channels}
            onClick={(p) => {
              const bar = channelBars[p.dataIndex ?? -1];
              if (bar) open(`${t('channel')}: ${bar.label}`, { channel: bar.key });
            }}
          />
          <FigureTable
            head={[t('channel'), t('casesOpened')]}
            rows={channelBars.map((b) => [
              b.label,
              <DrillNum
                onOpen={open}
                key="n"
                value={b.value}
                title={`${t('channel')}: ${b.label}`}
                narrower={{ channel: b.key }}
              />,
            ])}
          />
        </Card>

        <Card {...cardOf('outcomes')} id="outcomes" title={t('outcomes')}>
          <dl className="facts outcomes">
            <dt>{t('firstContact')}</dt>
            <dd>
              <Ltr>{orDash(outcomes?.first_contact_pct, '%')}</Ltr>
            </dd>
            <dt>{t('reopenRate')}</dt>
            <dd>
              <Ltr>{orDash(outcomes?.reopen_pct, '%')}</Ltr>
            </dd>
            <dt>{t('escalationRate')}</dt>
            <dd>
              <Ltr>{orDash(outcomes?.escalation_pct, '%')}</Ltr>
            </dd>
            <dt>{t('deEscalationRate')}</dt>
            <dd>
              <Ltr>{orDash(outcomes?.de_escalation_pct, '%')}</Ltr>
            </dd>
            <dt>{t('mergedDuplicates')}</dt>
            <dd>
              <Ltr>{num(outcomes?.merged_duplicates)}</Ltr>
            </dd>
          </dl>
        </Card>

        <Card {...cardOf('hotspots')} id="hotspots" title={t('hotspots')} wide>
          <div className="hotspots">
            <figure className="hotspot-map">
              <label className="small">
                {t('mapCategory')}{' '}
                <select
                  className="analytics-field"
                  value={mapCategory}
                  onChange={(e) => setMapCategory(e.target.value)}
                  data-map-category
                >
                  <option value="">{t('all')}</option>
                  {categoriesByCount.map((c) => (
                    <option key={c.code} value={c.code}>
                      {names.category(c.code)}
                    </option>
                  ))}
                </select>
              </label>
              <EChart
                label={t('hotspots')}
                height="20rem"
                map={wilayatMap}
                option={options.map}
                onClick={(p) => {
                  if (!p.name) return;
                  open(`${names.wilayat(p.name)}${mapCategory ? ` · ${names.category(mapCategory)}` : ''}`, {
                    wilayat: p.name,
                    ...(mapCategory ? { category: mapCategory } : {}),
                  });
                }}
              />
              <figcaption className="muted small">{t('hotspotsMapCaption')}</figcaption>
            </figure>
            <div className="table-wrap heat">
              <table data-table="hotspots">
                <thead>
                  <tr>
                    <th scope="col">{t('wilayat')}</th>
                    {heatColumns.map((c) => (
                      <th key={c} scope="col">
                        {names.category(c)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {heatPlaces.map((w) => (
                    <tr key={w}>
                      <th scope="row">{names.wilayat(w)}</th>
                      {heatColumns.map((c) => {
                        const n = cell(w, c);
                        const share = Math.round((n / heatMax) * 85);
                        return (
                          <td
                            key={c}
                            className="heat-cell"
                            data-cell={`${w}:${c}`}
                            style={{
                              background: n
                                ? `color-mix(in srgb, var(--accent) ${share}%, white)`
                                : undefined,
                              color: share > 45 ? 'var(--accent-ink)' : undefined,
                            }}
                          >
                            <DrillNum
                              onOpen={open}
                              value={n}
                              title={`${names.wilayat(w)} · ${names.category(c)}`}
                              narrower={{ wilayat: w, category: c }}
                            />
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </Card>

        <Card {...cardOf('sla')} id="sla" title={t('slaByDepartment')}>
          <EChart label={t('slaByDepartment')} height={barsHeight(slaRows.length)} option={options.sla} />
          <FigureTable
            head={[t('department'), t('resolvedCount'), t('withinSla'), t('slaCompliance')]}
            rows={slaRows.map((r) => [
              names.department(String(r.department)),
              <Ltr key="r">{num(r.resolved)}</Ltr>,
              <Ltr key="w">{num(r.within_sla)}</Ltr>,
              <Ltr key="p">{orDash(r.compliance_pct, '%')}</Ltr>,
            ])}
          />
        </Card>

        <Card {...cardOf('backlog')} id="backlog" title={t('backlogAgeing')}>
          <EChart
            label={t('backlogAgeing')}
            height={`${Math.max(10, backlogRows.length * 2.4 + 4)}rem`}
            option={options.backlog}
          />
        </Card>

        <Card {...cardOf('response')} id="response" title={t('responseTimes')} wide>
          <FigureTable
            head={[
              t('department'),
              t('category'),
              t('casesOpened'),
              `${t('firstResponse')} · ${t('median')}`,
              `${t('firstResponse')} · ${t('p90')}`,
              `${t('resolution')} · ${t('median')}`,
              `${t('resolution')} · ${t('p90')}`,
            ]}
            rows={responseRows.map((r) => [
              names.department(String(r.department)),
              names.category(String(r.category)),
              <DrillNum
                onOpen={open}
                key="n"
                value={num(r.cases)}
                title={`${names.department(String(r.department))} · ${names.category(String(r.category))}`}
                narrower={{ department: String(r.department), category: String(r.category) }}
              />,
              <Ltr key="a">{orDash(r.response_median_hours)}</Ltr>,
              <Ltr key="b">{orDash(r.response_p90_hours)}</Ltr>,
              <Ltr key="c">{orDash(r.resolution_median_hours)}</Ltr>,
              <Ltr key="d">{orDash(r.resolution_p90_hours)}</Ltr>,
            ])}
          />
        </Card>
      </div>

      <h2 className="analytics-section" id="calls-section">
        {t('callsAndIvr')}
      </h2>
      <RegionBoundary region="analytics-call-tiles">
        <div className="tiles analytics-tiles call-tiles">
          <Tile label={t('callsOffered')} stat="calls-offered" state={cards.calls}>
            <Ltr>{num(calls?.offered)}</Ltr>
          </Tile>
          <Tile label={t('answeredShare')} stat="calls-answered" state={cards.calls}>
            <Ltr>{orDash(calls?.answered_pct, '%')}</Ltr>
          </Tile>
          <Tile label={t('abandonedShare')} stat="calls-abandoned" state={cards.calls}>
            <Ltr>{orDash(calls?.abandoned_pct, '%')}</Ltr>
          </Tile>
          <Tile label={t('speedOfAnswer')} stat="calls-asa" state={cards.calls}>
            <span>
              <Ltr>{orDash(calls?.average_speed_of_answer_seconds)}</Ltr> {t('seconds')}
            </span>
          </Tile>
          <Tile
            label={t('serviceLevel')}
            stat="calls-service-level"
            state={cards.calls}
            note={t('serviceLevelNote')}
          >
            <Ltr>{orDash(calls?.service_level_pct, '%')}</Ltr>
          </Tile>
          <Tile label={t('containment')} stat="ivr-containment" state={cards.containment}>
            <Ltr>{orDash(containment?.containment_pct, '%')}</Ltr>
          </Tile>
        </div>
      </RegionBoundary>

      <div className="analytics-grid">
        <Card {...cardOf('calls')} id="calls" title={t('callsByChannel')}>
          <FigureTable
            head={[
              t('channel'),
              t('callsOffered'),
              t('answeredShare'),
              t('abandonedShare'),
              t('speedOfAnswer'),
              t('serviceLevel'),
              t('handleTime'),
            ]}
            rows={callRows.map((r) => [
              names.channel(String(r.channel)),
              <Ltr key="o">{num(r.offered)}</Ltr>,
              <Ltr key="a">{orDash(r.answered_pct, '%')}</Ltr>,
              <Ltr key="b">{orDash(r.abandoned_pct, '%')}</Ltr>,
              <span key="s">
                <Ltr>{orDash(r.average_speed_of_answer_seconds)}</Ltr> {t('seconds')}
              </span>,
              <Ltr key="l">{orDash(r.service_level_pct, '%')}</Ltr>,
              <span key="h">
                <Ltr>{orDash(r.average_handle_seconds)}</Ltr> {t('seconds')}
              </span>,
            ])}
          />
        </Card>

        <Card {...cardOf('callbacks')} id="callbacks" title={t('callbacksKept')}>
          <dl className="facts outcomes">
            <dt>{t('callbacksDue')}</dt>
            <dd>
              <Ltr>{num(callbacks?.callbacks)}</Ltr>
            </dd>
            <dt>{t('kept')}</dt>
            <dd>
              <Ltr>{num(callbacks?.kept)}</Ltr>
            </dd>
            <dt>{t('callbacksKept')}</dt>
            <dd data-stat="callbacks-kept">
              <Ltr>{orDash(callbacks?.kept_pct, '%')}</Ltr>
            </dd>
          </dl>
        </Card>

        <Card {...cardOf('ivrNodes')} id="ivr-nodes" title={t('ivrDropOff')} wide>
          <EChart label={t('ivrDropOff')} height={barsHeight(nodeRows.length)} option={options.ivrNodes} />
          <FigureTable
            head={[t('ivrMenu'), t('menuVisits'), t('drops'), t('dropOff'), t('wrongKey'), t('silence')]}
            rows={nodeRows.map((r) => [
              <Ltr key="n">{String(r.node)}</Ltr>,
              <Ltr key="v">{num(r.visits)}</Ltr>,
              <Ltr key="d">{num(r.drops)}</Ltr>,
              <Ltr key="p">{orDash(r.drop_off_pct, '%')}</Ltr>,
              <Ltr key="w">{orDash(r.wrong_key_pct, '%')}</Ltr>,
              <Ltr key="t">{orDash(r.timeout_pct, '%')}</Ltr>,
            ])}
          />
        </Card>
      </div>

      <h2 className="analytics-section" id="messages-section">
        {t('messagesSection')}
      </h2>
      <div className="analytics-grid">
        <Card {...cardOf('deliveries')} id="deliveries" title={t('deliveryFailures')}>
          <EChart
            label={t('deliveryFailures')}
            height={barsHeight(deliveryRows.length)}
            option={options.deliveries}
          />
          <FigureTable
            head={[t('channel'), t('attempts'), t('failedSends'), t('bounced'), t('failureShare')]}
            rows={deliveryRows.map((r) => [
              names.channel(String(r.channel)),
              <Ltr key="a">{num(r.attempts)}</Ltr>,
              <Ltr key="f">{num(r.failed)}</Ltr>,
              <Ltr key="b">{num(r.bounced)}</Ltr>,
              <Ltr key="p">{orDash(r.failure_pct, '%')}</Ltr>,
            ])}
          />
        </Card>

        <Card
          {...cardOf('cost')}
          id="cost"
          title={`${t('costPerChannel')}${currency ? ` (${currency})` : ''}`}
        >
          <FigureTable
            head={[t('channel'), t('units'), t('cost')]}
            rows={costRows.map((r) => [
              names.channel(String(r.channel)),
              <span key="u">
                <Ltr>{orDash(r.units)}</Ltr> {pick(UNIT_OF[String(r.channel)], lang, '')}
              </span>,
              <Ltr key="c">{orDash(r.cost)}</Ltr>,
            ])}
          />
          <p className="muted small" data-stat="cost-total">
            {t('cost')}: <Ltr>{`${orDash(cards.cost?.answer?.total.cost)} ${currency}`}</Ltr>
          </p>
        </Card>
      </div>

      {drill ? (
        <DrillDown
          key={JSON.stringify(drill)}
          request={drill}
          onClose={() => setDrill(undefined)}
          names={names}
        />
      ) : null}
    </section>
  );
}

/** A number that opens the cases behind it (a plain number when there are none). */
function DrillNum(props: {
  value: number;
  title: string;
  narrower?: InsightsQuery;
  onOpen: (title: string, narrower?: InsightsQuery) => void;
}) {
  const t = useT();
  const text = String(props.value);
  if (props.value <= 0) return <Ltr>{text}</Ltr>;
  return (
    <button
      type="button"
      className="num"
      onClick={() => props.onOpen(props.title, props.narrower)}
      aria-label={`${props.title}: ${text} — ${t('showCases')}`}
    >
      <Ltr>{text}</Ltr>
    </button>
  );
}

function Tile(props: {
  label: string;
  stat: string;
  state: CardState | undefined;
  note?: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <div className="tile">
      <span>{props.label}</span>
      <strong data-stat={props.stat} aria-live="polite">
        {props.state?.error !== undefined ? (
          <span className="error small">{t('error')}</span>
        ) : props.state ? (
          props.children
        ) : (
          '…'
        )}
      </strong>
      {props.note && props.state?.answer ? <span className="muted small">{props.note}</span> : null}
    </div>
  );
}

function Card(props: {
  id: string;
  title: string;
  state: CardState | undefined;
  /** The period shown, named in the card's export files. */
  period: Period;
  /** The filters of the view this card's figure cannot take, said even while it loads. */
  ignored: readonly Dimension[];
  /** The names the screen gives the codes, so the export reads as the card does. */
  names: CodeNames;
  wide?: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const lang = useLang();
  const { me } = useSession();
  const dimensionWords: Record<Dimension, StringKey> = {
    department: 'department',
    category: 'category',
    wilayat: 'wilayat',
    channel: 'channel',
    tier: 'tier',
    language: 'language',
    queue: 'queue',
    node: 'ivrMenu',
    source: 'source',
    agent: 'assignee',
  };
  const empty =
    props.state?.answer &&
    props.state.answer.rows.length === 0 &&
    Object.values(props.state.answer.total).every((v) => !v);
  return (
    <RegionBoundary region={`analytics-${props.id}`}>
      <section
        className={props.wide ? 'card wide' : 'card'}
        aria-labelledby={`${props.id}-title`}
        data-card={props.id}
      >
        <div className="card-head">
          <h2 id={`${props.id}-title`}>{props.title}</h2>
          {props.state?.answer && !empty ? (
            // What the card shows, as CSV or Excel: the rows of its figure, columns named as on screen.
            <ExportButtons
              title={`${props.title} ${props.period.from}–${props.period.to}`}
              columns={exportColumns(props.state.answer.rows, lang)}
              rows={exportRows(props.state.answer.rows, props.names)}
              language={lang}
              utcOffsetMinutes={me.calendar.utcOffsetMinutes}
            />
          ) : null}
        </div>
        {props.ignored.length ? (
          <p className="muted small">
            {t('notFilteredBy')}: {props.ignored.map((d) => t(dimensionWords[d])).join('، ')}
          </p>
        ) : null}
        {props.state?.error !== undefined ? (
          <p role="alert" className="error">
            {messageOf(props.state.error, lang)}
          </p>
        ) : !props.state ? (
          <p aria-live="polite">{t('loading')}</p>
        ) : empty ? (
          <p className="muted">{t('noData')}</p>
        ) : (
          props.children
        )}
      </section>
    </RegionBoundary>
  );
}

function FigureTable({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of one answer, in the answer's order
            <tr key={i}>
              {cells.map((c, j) =>
                j === 0 ? (
                  <th key={head[j]} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={head[j]}>{c}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DrillDown(props: {
  request: DrillRequest;
  onClose: () => void;
  names: Record<'department' | 'category' | 'wilayat' | 'channel', (code: string) => string>;
}) {
  const { api } = useSession();
  const t = useT();
  const lang = useLang();
  const [offset, setOffset] = useState(0);
  const [found, setFound] = useState<InsightsCases>();
  // The API's error as it came, put in words when shown (a language switch must not ask again).
  const [error, setError] = useState<{ cause: unknown }>();
  useEffect(() => {
    let stopped = false;
    setFound(undefined);
    api.insightsCases({ ...props.request.query, offset }).then(
      (f) => !stopped && setFound(f),
      (cause: unknown) => !stopped && setError({ cause }),
    );
    return () => {
      stopped = true;
    };
  }, [api, props.request, offset]);
  return (
    <aside className="card drill" aria-labelledby="drill-title" data-drill>
      <div className="drill-head">
        <h2 id="drill-title">
          {t('drillTitle')}: <bdi>{props.request.title}</bdi>
        </h2>
        <button type="button" onClick={props.onClose}>
          {t('close')}
        </button>
      </div>
      <p className="muted small">
        {t('drillBasis')} <Ltr>{`${props.request.query.from} – ${props.request.query.to}`}</Ltr>
        {found ? (
          <>
            {' · '}
            <Ltr>{found.references.length}</Ltr> {t('casesWord')}
          </>
        ) : null}
      </p>
      {error ? (
        <p role="alert" className="error">
          {messageOf(error.cause, lang)}
        </p>
      ) : !found ? (
        <p aria-live="polite">{t('loading')}</p>
      ) : (
        <>
          {found.more ? <p className="muted small">{t('drillMore')}</p> : null}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('reference')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('tier')}</th>
                  <th scope="col">{t('category')}</th>
                  <th scope="col">{t('department')}</th>
                  <th scope="col">{t('wilayat')}</th>
                  <th scope="col">{t('channel')}</th>
                  <th scope="col">{t('created')}</th>
                </tr>
              </thead>
              <tbody>
                {found.items.map((c) => (
                  <tr key={c.reference} data-reference={c.reference}>
                    <th scope="row">
                      <a href={href({ screen: 'case', reference: c.reference })}>
                        <Ltr>{c.reference}</Ltr>
                      </a>
                    </th>
                    <td>{pick(STATUS[c.status], lang, c.status)}</td>
                    <td>{pick(TIER[c.tier], lang, String(c.tier))}</td>
                    <td>{props.names.category(c.categoryCode)}</td>
                    <td>{props.names.department(c.departmentCode)}</td>
                    <td>{props.names.wilayat(c.wilayatCode ?? NO_WILAYAT)}</td>
                    <td>{props.names.channel(c.originChannel)}</td>
                    <td>
                      <When>{formatTime(c.createdAt, lang)}</When>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pager">
            {offset > 0 ? (
              <button type="button" onClick={() => setOffset(offset - DRILL_DOWN_PAGE_SIZE)}>
                {t('previousPage')}
              </button>
            ) : null}
            {offset + DRILL_DOWN_PAGE_SIZE < found.references.length ? (
              <button type="button" onClick={() => setOffset(offset + DRILL_DOWN_PAGE_SIZE)}>
                {t('nextPage')}
              </button>
            ) : null}
          </div>
        </>
      )}
    </aside>
  );
}
