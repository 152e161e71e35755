import type { PhraseLists } from '../../types/scorecard.types';

/** Customer words that open a complaint (DESIGN.md: 投诉/举报/12315/曝光 and the like). */
export const COMPLAINT_PHRASES: PhraseLists = {
  complaint: [
    '投诉',
    '举报',
    '12315',
    '315',
    '曝光',
    '消协',
    '消费者协会',
    '媒体',
    '记者',
    '电视台',
    '工信部',
    '工商局',
    '市场监管',
    '监管部门',
    '银保监',
    '起诉',
    '律师函',
    '打官司',
  ],
  complaintExceptions: [
    '不是投诉',
    '不投诉',
    '不想投诉',
    '没有投诉',
    '不会投诉',
    '不用投诉',
    '撤销投诉',
    '撤回投诉',
    '取消投诉',
    '多媒体',
    '流媒体',
  ],
};
