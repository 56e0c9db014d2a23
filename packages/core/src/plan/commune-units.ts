/**
 * The units any commune's plan may name (not only Bình An's five columns), with the many ways
 * plans name them: "Công chức Văn phòng – Thống kê", "Văn phòng UBND xã", "Ủy ban MTTQ Việt
 * Nam xã", "Ban Chỉ huy Quân sự xã", "Công an xã", "Trạm Y tế", the đoàn thể, the thôn. An
 * imported board gets a column for each unit its plan names, and no other.
 */
import type { UnitAlias } from './units-dictionary';
import { foldVietnamese, slugify } from '../util/text';

const u = (id: string, nameVi: string, nameEn: string, aliases: string[]): UnitAlias => ({ id, nameVi, nameEn, aliases });

export const COMMUNE_UNITS: UnitAlias[] = [
  u('office-statistics', 'Văn phòng – Thống kê', 'Office – Statistics', [
    'công chức văn phòng - thống kê', 'văn phòng - thống kê', 'văn phòng thống kê', 'văn phòng HĐND và UBND xã', 'văn phòng HĐND - UBND xã',
    'văn phòng UBND xã', 'văn phòng UBND', 'văn phòng ủy ban nhân dân xã', 'văn phòng ủy ban']),
  u('finance', 'Tài chính – Kế toán', 'Finance – Accounting', ['công chức tài chính - kế toán', 'tài chính - kế toán', 'tài chính kế toán', 'kế toán ngân sách', 'kế toán xã']),
  u('culture-society', 'Văn hóa – Xã hội', 'Culture – Society', [
    'công chức văn hóa - xã hội', 'văn hóa - xã hội', 'văn hoá xã hội', 'bộ phận văn hoá xã', 'văn hóa thông tin', 'lao động - thương binh và xã hội', 'LĐTBXH']),
  u('justice', 'Tư pháp – Hộ tịch', 'Justice – Civil status', ['công chức tư pháp - hộ tịch', 'tư pháp - hộ tịch', 'tư pháp hộ tịch', 'tư pháp xã']),
  u('land-construction', 'Địa chính – Xây dựng', 'Land – Construction', [
    'công chức địa chính - xây dựng', 'địa chính - xây dựng', 'địa chính - nông nghiệp - xây dựng và môi trường', 'địa chính xã', 'địa chính']),
  u('council', 'Hội đồng Thi đua – Khen thưởng', 'Emulation and Commendation Council', ['hội đồng thi đua - khen thưởng', 'hội đồng thi đua khen thưởng', 'hội đồng TĐ-KT', 'hội đồng TĐKT']),
  u('police', 'Công an xã', 'Commune police', ['công an xã', 'công an']),
  u('military', 'Ban Chỉ huy Quân sự xã', 'Commune military command', ['ban chỉ huy quân sự xã', 'ban chỉ huy quân sự', 'BCH quân sự xã', 'BCHQS xã', 'quân sự xã']),
  u('health', 'Trạm Y tế xã', 'Commune health station', ['trạm y tế xã', 'trạm y tế', 'y tế xã']),
  u('front', 'Ủy ban MTTQ Việt Nam xã', 'Fatherland Front committee', [
    'ủy ban mặt trận tổ quốc việt nam xã', 'ủy ban MTTQ việt nam xã', 'ủy ban MTTQVN xã', 'ủy ban MTTQ xã', 'UBMTTQVN xã', 'UBMTTQVN', 'UBMTTQ',
    'MTTQVN', 'MTTQ', 'mặt trận tổ quốc', 'UBMTTQVN và các tổ chức chính trị - xã hội']),
  u('youth-union', 'Đoàn Thanh niên xã', 'Youth Union', ['đoàn thanh niên cộng sản hồ chí minh xã', 'đoàn thanh niên xã', 'đoàn thanh niên', 'xã đoàn', 'đoàn xã']),
  u('women-union', 'Hội Liên hiệp Phụ nữ xã', "Women's Union", ['hội liên hiệp phụ nữ xã', 'hội liên hiệp phụ nữ', 'hội phụ nữ xã', 'hội phụ nữ', 'hội LHPN xã', 'hội LHPN']),
  u('farmers-union', 'Hội Nông dân xã', "Farmers' Union", ['hội nông dân xã', 'hội nông dân']),
  u('veterans', 'Hội Cựu chiến binh xã', 'Veterans Association', ['hội cựu chiến binh xã', 'hội cựu chiến binh', 'hội CCB xã', 'hội CCB']),
  u('elderly', 'Hội Người cao tuổi xã', 'Elderly Association', ['hội người cao tuổi xã', 'hội người cao tuổi', 'hội NCT']),
  u('red-cross', 'Hội Chữ thập đỏ xã', 'Red Cross', ['hội chữ thập đỏ xã', 'hội chữ thập đỏ']),
  u('schools', 'Các trường học trên địa bàn xã', 'Schools of the commune', ['các trường học', 'các trường mầm non, tiểu học, THCS', 'trường THCS', 'trường tiểu học', 'trường mầm non']),
];

/**
 * A thôn / tổ dân phố / ấp / bản named in the text ("thôn Bình Tây", "các thôn"), as a unit:
 * a single one gets its own column, "các thôn" one column for all of them.
 */
export function findHamlet(text: string): UnitAlias | null {
  const m = /\b(th[ôo]n|t[ổo] d[âa]n ph[ốo]|[ấa]p|b[ảa]n)\s+((?:[A-ZĐÀ-Ỹ0-9][\p{L}\d]*\s?){1,3})/u.exec(text);
  if (m) {
    const name = `${m[1]!.charAt(0).toUpperCase()}${m[1]!.slice(1)} ${m[2]!.trim()}`;
    return { id: slugify(name), nameVi: name, nameEn: name, aliases: [name] };
  }
  if (/\bcác (thôn|tổ dân phố|ấp|bản)\b/iu.test(text) || / cac (thon|to dan pho|ap|ban) /.test(` ${foldVietnamese(text)} `))
    return { id: 'hamlets', nameVi: 'Các thôn', nameEn: 'Hamlets', aliases: ['các thôn', 'các tổ dân phố', 'các ấp', 'các bản', 'trưởng thôn'] };
  return null;
}
