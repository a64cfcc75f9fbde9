/** 'HH:mm' for minutes after local midnight; times past midnight wrap (1560 is 02:00), 1440 is 24:00. */
export function formatMinutes(minutes: number): string {
  const wrapped = minutes > 1440 ? minutes % 1440 : minutes;
  const whole = Math.floor(wrapped);
  return `${pad(Math.floor(whole / 60))}:${pad(whole % 60)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
