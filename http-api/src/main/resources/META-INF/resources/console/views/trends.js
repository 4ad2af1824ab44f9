// Trends (#/trends): the chart with its table, spikes, response times, the channel-shift saving and the CSV.

import { $, dateTimeFormat, el, label, money, number, say } from '../dom.js';
import { api, BASE, showError } from '../api.js';
import { renderChart } from '../chart.js';
import { addRoute, show } from '../router.js';
import { state } from '../state.js';
import { vocabulary } from '../vocabulary.js';

async function openTrends() {
  show('trends', 'Trends');
  await loadTrends();
}

async function loadTrends() {
  const days = $('trends-days').value;
  const feedback = $('trends-feedback');
  const csv = new URL(`api/trends.csv?days=${encodeURIComponent(days)}`, BASE);
  $('trends-csv').setAttribute('href', csv.pathname + csv.search);
  say(feedback, 'Loading trends…');
  try {
    const data = await api(`api/trends?days=${encodeURIComponent(days)}`);
    state.trendsDays = days;
    renderTrends(data ?? {});
    $('trends-content').hidden = false;
    $('trends-csv').hidden = false;
    say(feedback, '');
  } catch (error) {
    $('trends-content').hidden = true;
    if (error.status === 404) {
      $('trends-csv').hidden = true;
      say(feedback, 'Trends are not available yet.');
    } else {
      showError(feedback, error);
    }
  }
}

function categoriesIn(days) {
  const seen = new Set();
  for (const day of days) for (const key of Object.keys(day.byCategory ?? {})) seen.add(key);
  return [...vocabulary.categories.filter((c) => seen.has(c)), ...[...seen].filter((c) => !vocabulary.categories.includes(c)).sort()];
}

function channelsIn(days) {
  const seen = new Set();
  for (const day of days) for (const key of Object.keys(day.byChannel ?? {})) seen.add(key);
  return [...vocabulary.channels.filter((c) => seen.has(c)), ...[...seen].filter((c) => !vocabulary.channels.includes(c)).sort()];
}

/** Small medians keep two significant figures (a first response in 0.02 minutes is not "0 minutes"). */
function duration(value) {
  return value > 0 && value < 1 ? value.toPrecision(2) : number.format(value);
}

function casesCount(count) {
  return typeof count === 'number' ? `, over ${count} ${count === 1 ? 'case' : 'cases'}` : '';
}

function renderTrends(data) {
  const days = Array.isArray(data.days) ? data.days : [];
  const period = data.from && data.to ? `${data.from} to ${data.to}` : `${days.length} days`;
  $('trends-period').textContent = `Period: ${period}.${data.generatedAt ? ` Worked out ${dateTimeFormat.format(new Date(data.generatedAt))}.` : ''}`;
  const categories = categoriesIn(days);
  const channels = channelsIn(days);
  renderChart(days, categories);

  $('trends-table-head').replaceChildren(el('tr', {},
    el('th', { scope: 'col' }, 'Date'),
    categories.map((c) => el('th', { scope: 'col', class: 'num' }, label(c))),
    el('th', { scope: 'col', class: 'num' }, 'Total'),
    channels.map((c) => el('th', { scope: 'col', class: 'num' }, `via ${label(c)}`)),
  ));
  $('trends-table-body').replaceChildren(...days.map((day) => el('tr', {},
    el('th', { scope: 'row' }, el('time', { datetime: day.date }, day.date)),
    categories.map((c) => el('td', { class: 'num' }, String(day.byCategory?.[c] ?? 0))),
    el('td', { class: 'num' }, String(day.total ?? 0)),
    channels.map((c) => el('td', { class: 'num' }, String(day.byChannel?.[c] ?? 0))),
  )));

  const spikes = Array.isArray(data.spikes) ? data.spikes : [];
  $('trends-spikes').replaceChildren(...(spikes.length ? spikes.map((spike) => {
    const change = typeof spike.change === 'number' ? ` (${spike.change >= 0 ? '+' : ''}${Math.round(spike.change * 100)}%)` : ' (none before)';
    const where = !spike.area || spike.area === 'all' ? ' county-wide' : ` in ${spike.area}`;
    return el('li', {}, el('strong', {}, `${label(spike.category)}${where}`),
      `: ${spike.thisWeek ?? '?'} this week against a usual ${number.format(spike.baselineWeekly ?? 0)} a week${change}`);
  }) : [el('li', {}, 'No unusual rises in this period.')]));

  const times = data.responseTimes ?? {};
  const minutes = times.firstResponseMedianMinutes;
  const hours = times.resolutionMedianHours;
  $('trends-response').replaceChildren(
    el('dt', {}, 'First response (median)'),
    el('dd', {}, typeof minutes === 'number' ? `${duration(minutes)} minutes${casesCount(times.responded)}` : 'not enough data'),
    el('dt', {}, 'First answer by a person (median)'),
    el('dd', {}, typeof times.firstHumanAnswerMedianMinutes === 'number'
      ? `${duration(times.firstHumanAnswerMedianMinutes)} minutes${casesCount(times.humanAnswered)}` : 'not enough data'),
    el('dt', {}, 'Queries answered by self-serve'),
    el('dd', {}, data.selfServe ? `${data.selfServe.answeredAutomatically} of ${data.selfServe.queries}` : '—'),
    el('dt', {}, 'Resolution (median)'),
    el('dd', {}, typeof hours === 'number'
      ? `${duration(hours)} hours${hours >= 24 ? ` (${number.format(hours / 24)} days)` : ''}${casesCount(times.resolved)}` : 'not enough data'),
  );

  $('trends-answers-body').replaceChildren(...(Array.isArray(data.answerTimes) ? data.answerTimes : []).map((row) => el('tr', {},
    el('th', { scope: 'row' }, `${label(row.channel)}: ${label(row.category)}`),
    el('td', { class: 'num' }, String(row.cases)),
    el('td', { class: 'num' }, typeof row.firstHumanAnswerMedianMinutes === 'number'
      ? `${duration(row.firstHumanAnswerMedianMinutes)} min (${row.humanAnswered})` : '—'),
    el('td', { class: 'num' }, typeof row.resolutionMedianHours === 'number' ? `${duration(row.resolutionMedianHours)} h (${row.resolved})` : '—'),
    el('td', { class: 'num' }, String(row.answeredBySelfServe)),
  )));

  const shift = data.channelShift ?? {};
  const gbp = (value) => (typeof value === 'number' ? money.format(value) : '—');
  $('trends-saving').replaceChildren(
    el('dt', {}, 'Contacts handled by social media'), el('dd', {}, typeof shift.contacts === 'number'
      ? `${shift.contacts}${typeof shift.received === 'number' ? ` of ${shift.received} received` : ''}` : '—'),
    el('dt', {}, 'Cost per phone contact'), el('dd', {}, gbp(shift.phoneCostPerContact)),
    el('dt', {}, 'Cost per social contact'), el('dd', {}, gbp(shift.socialCostPerContact)),
    el('dt', {}, 'Saving before platform charges'), el('dd', {}, gbp(shift.grossSaving)),
    el('dt', {}, 'Platform charges (X, WhatsApp)'), el('dd', {}, gbp(shift.platformCharges)),
    el('dt', {}, 'Estimated saving'), el('dd', {}, el('strong', {}, gbp(shift.estimatedSaving))),
  );
}

/** The CSV needs the bearer token, so fetch it and save it from a blob rather than following the link. */
async function downloadCsv(event) {
  event.preventDefault();
  const days = $('trends-days').value;
  const feedback = $('trends-feedback');
  say(feedback, 'Preparing the CSV…');
  try {
    const response = await api(`api/trends.csv?days=${encodeURIComponent(days)}`, { raw: true });
    const blob = await response.blob();
    const disposition = response.headers.get('content-disposition') ?? '';
    const named = /filename="?([^";]+)"?/i.exec(disposition);
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: named ? named[1] : `council-inbox-trends-${days}-days.csv`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
    say(feedback, 'CSV downloaded.', 'ok');
  } catch (error) {
    if (error.status === 404) say(feedback, 'Trends are not available yet, so there is no CSV to download.');
    else showError(feedback, error);
  }
}

$('trends-form').addEventListener('submit', (event) => {
  event.preventDefault();
  loadTrends();
});
$('trends-csv').addEventListener('click', downloadCsv);

addRoute('trends', openTrends);
