/*
 * sse_ops.c - SSE2, SSE3, SSSE3, SSE4.1, SSE4.2 and POPCNT instructions on fixed data.
 *
 * Built with -msse4.2 -mpopcnt. Every input vector passes through an empty asm statement that
 * claims to modify it, so gcc cannot evaluate the intrinsic at compile time and the instruction
 * really runs. Each result is printed as hexadecimal lanes (or raw bits for floating point), so
 * the output checks exact results, including the corner cases: saturation, NaN operands of
 * min/max, rounding-mode immediates, string-compare modes, and flush-to-zero and
 * denormals-are-zero in MXCSR. Approximations whose bits differ between CPU vendors (rcpps,
 * rsqrtps) are deliberately left out.
 */
#include <inttypes.h>
#include <nmmintrin.h>
#include <stdio.h>
#include <string.h>

#define HIDE(v) __asm__ volatile("" : "+x"(v))

/*
 * gcc treats intrinsics as pure, so it may move or merge them across an MXCSR write. Hiding the
 * inputs after the write and the result right after the operation pins the instruction between
 * the two volatile statements, so it runs under the MXCSR that was just set.
 */
#define UNDER_MXCSR(type, name, in, expr) \
	({ HIDE(in); type name##_r = (expr); HIDE(name##_r); name##_r; })

static void print_i(const char *name, __m128i v)
{
	uint32_t w[4];

	memcpy(w, &v, sizeof w);
	printf("%-22s %08x %08x %08x %08x\n", name, w[3], w[2], w[1], w[0]);
}

static void print_ps(const char *name, __m128 v)
{
	print_i(name, _mm_castps_si128(v));
}

static void print_pd(const char *name, __m128d v)
{
	print_i(name, _mm_castpd_si128(v));
}

static void print_u64(const char *name, uint64_t v)
{
	printf("%-22s %016" PRIx64 "\n", name, v);
}

static __m128i bytes_a, bytes_b, words_a, words_b, dwords_a, dwords_b;
static __m128 ps_a, ps_b;
static __m128d pd_a, pd_b;

static void load_inputs(void)
{
	bytes_a = _mm_setr_epi8(0, 1, 2, 3, 0x7f, (char)0x80, (char)0xff, 9, 100, (char)200, 17,
				(char)0xfe, 64, (char)0x81, 42, 5);
	bytes_b = _mm_setr_epi8(15, (char)0x83, 7, 1, 1, 1, 1, (char)0x80, 3, 60, (char)0xfa, 2,
				(char)0x8c, 14, 0, 9);
	words_a = _mm_setr_epi16(1, -1, 0x7fff, -0x8000, 300, -300, 0x1234, 255);
	words_b = _mm_setr_epi16(2, 2, 2, 2, -7, 400, 0x4321, 256);
	dwords_a = _mm_setr_epi32(-5, 0x7fffffff, (int)0x80000000, 123456789);
	dwords_b = _mm_setr_epi32(3, 2, -1, (int)0xfedcba98);
	ps_a = _mm_setr_ps(1.5f, -2.25f, 3.0e38f, 1e-40f);
	ps_b = _mm_setr_ps(0.5f, __builtin_nanf(""), -1.0f, 2.0f);
	pd_a = _mm_setr_pd(2.5, -0.0);
	pd_b = _mm_setr_pd(-3.5, __builtin_nan(""));
	HIDE(bytes_a); HIDE(bytes_b); HIDE(words_a); HIDE(words_b);
	HIDE(dwords_a); HIDE(dwords_b); HIDE(ps_a); HIDE(ps_b); HIDE(pd_a); HIDE(pd_b);
}

static void sse2_integer(void)
{
	print_i("paddusb", _mm_adds_epu8(bytes_a, bytes_b));
	print_i("psubsb", _mm_subs_epi8(bytes_a, bytes_b));
	print_i("pavgb", _mm_avg_epu8(bytes_a, bytes_b));
	print_i("pminub", _mm_min_epu8(bytes_a, bytes_b));
	print_i("pmaxsw", _mm_max_epi16(words_a, words_b));
	print_i("pmulhw", _mm_mulhi_epi16(words_a, words_b));
	print_i("pmulhuw", _mm_mulhi_epu16(words_a, words_b));
	print_i("pmaddwd", _mm_madd_epi16(words_a, words_b));
	print_i("pmuludq", _mm_mul_epu32(dwords_a, dwords_b));
	print_i("psadbw", _mm_sad_epu8(bytes_a, bytes_b));
	print_i("packsswb", _mm_packs_epi16(words_a, words_b));
	print_i("packuswb", _mm_packus_epi16(words_a, words_b));
	print_i("packssdw", _mm_packs_epi32(dwords_a, dwords_b));
	print_i("punpcklbw", _mm_unpacklo_epi8(bytes_a, bytes_b));
	print_i("punpckhqdq", _mm_unpackhi_epi64(dwords_a, dwords_b));
	print_i("pshufd 1b", _mm_shuffle_epi32(dwords_a, 0x1b));
	print_i("pshufhw c6", _mm_shufflehi_epi16(words_a, 0xc6));
	print_i("pcmpgtb", _mm_cmpgt_epi8(bytes_a, bytes_b));
	print_i("psraw 3", _mm_srai_epi16(words_a, 3));
	print_i("psrad 40", _mm_sra_epi32(dwords_a, _mm_cvtsi32_si128(40)));
	print_i("psllq 65", _mm_sll_epi64(dwords_a, _mm_cvtsi32_si128(65)));
	print_i("psrldq 5", _mm_srli_si128(bytes_a, 5));
	print_i("pslldq 3", _mm_slli_si128(bytes_a, 3));
	printf("%-22s %04x\n", "pmovmskb", _mm_movemask_epi8(bytes_a));
	printf("%-22s %x\n", "movmskpd", _mm_movemask_pd(pd_b));
}

static void ssse3_sse41_integer(void)
{
	print_i("pshufb", _mm_shuffle_epi8(bytes_a, bytes_b));
	print_i("palignr 5", _mm_alignr_epi8(bytes_a, bytes_b, 5));
	print_i("pabsb", _mm_abs_epi8(bytes_a));
	print_i("psignw", _mm_sign_epi16(words_a, words_b));
	print_i("phaddw", _mm_hadd_epi16(words_a, words_b));
	print_i("phsubsw", _mm_hsubs_epi16(words_a, words_b));
	print_i("pmaddubsw", _mm_maddubs_epi16(bytes_a, bytes_b));
	print_i("pmulhrsw", _mm_mulhrs_epi16(words_a, words_b));
	print_i("pmulld", _mm_mullo_epi32(dwords_a, dwords_b));
	print_i("pmuldq", _mm_mul_epi32(dwords_a, dwords_b));
	print_i("pminsd", _mm_min_epi32(dwords_a, dwords_b));
	print_i("pmaxud", _mm_max_epu32(dwords_a, dwords_b));
	print_i("packusdw", _mm_packus_epi32(dwords_a, dwords_b));
	print_i("pblendvb", _mm_blendv_epi8(bytes_a, bytes_b, bytes_a));
	print_i("pblendw a5", _mm_blend_epi16(words_a, words_b, 0xa5));
	print_i("pmovsxbw", _mm_cvtepi8_epi16(bytes_a));
	print_i("pmovzxbd", _mm_cvtepu8_epi32(bytes_a));
	print_i("pmovsxwq", _mm_cvtepi16_epi64(words_a));
	print_i("pminposuw", _mm_minpos_epu16(words_b));
	print_i("mpsadbw 5", _mm_mpsadbw_epu8(bytes_a, bytes_b, 5));
	print_i("pinsrd 2", _mm_insert_epi32(dwords_a, 0x55aa, 2));
	printf("%-22s %08x %d\n", "pextrb 13/pextrw 3", _mm_extract_epi8(bytes_a, 13),
	       _mm_extract_epi16(words_a, 3));
	printf("%-22s z=%d c=%d nzc=%d\n", "ptest", _mm_testz_si128(bytes_a, bytes_b),
	       _mm_testc_si128(bytes_a, bytes_b), _mm_testnzc_si128(bytes_a, bytes_b));
	print_i("pcmpeqq", _mm_cmpeq_epi64(dwords_a, dwords_a));
	print_i("pcmpgtq", _mm_cmpgt_epi64(dwords_a, dwords_b));
}

static void float_ops(void)
{
	print_ps("addps", _mm_add_ps(ps_a, ps_b));
	print_ps("mulps (overflow)", _mm_mul_ps(ps_a, _mm_set1_ps(4.0f)));
	print_ps("divps", _mm_div_ps(ps_a, ps_b));
	print_ps("sqrtps", _mm_sqrt_ps(ps_a));
	print_ps("minps (nan)", _mm_min_ps(ps_a, ps_b));
	print_ps("maxps (nan)", _mm_max_ps(ps_b, ps_a));
	print_ps("cmpltps", _mm_cmplt_ps(ps_a, ps_b));
	print_ps("cmpunordps", _mm_cmpunord_ps(ps_a, ps_b));
	print_ps("shufps 4e", _mm_shuffle_ps(ps_a, ps_b, 0x4e));
	print_ps("blendvps", _mm_blendv_ps(ps_a, ps_b, ps_a));
	print_ps("dpps f1", _mm_dp_ps(ps_a, _mm_setr_ps(1.0f, 3.0f, 0.0f, 1e30f), 0xf1));
	print_ps("dpps 37", _mm_dp_ps(_mm_setr_ps(1.0f, 1e-8f, 3.0f, 5.0f), ps_a, 0x37));
	print_pd("dppd 31", _mm_dp_pd(pd_a, _mm_setr_pd(0.1, 7.0), 0x31));
	print_ps("haddps", _mm_hadd_ps(ps_a, ps_b));
	print_ps("addsubps", _mm_addsub_ps(ps_a, ps_b));
	print_pd("addpd", _mm_add_pd(pd_a, pd_b));
	print_pd("minpd (nan, -0)", _mm_min_pd(pd_a, pd_b));
	print_pd("maxsd", _mm_max_sd(pd_b, pd_a));
	print_pd("sqrtpd", _mm_sqrt_pd(_mm_setr_pd(2.0, -1.0)));
	printf("%-22s %d %d %d\n", "comisd/ucomisd", _mm_comilt_sd(pd_a, pd_b),
	       _mm_ucomieq_sd(pd_b, pd_b), _mm_comige_sd(pd_a, pd_a));
}

static void rounding_and_conversion(void)
{
	__m128d r = _mm_setr_pd(-2.5, 3.5);
	__m128 f = _mm_setr_ps(-1.5f, 2.5f, 2.1e9f, -3.7f);

	HIDE(r);
	HIDE(f);
	print_pd("roundpd nearest", _mm_round_pd(r, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
	print_pd("roundpd down", _mm_round_pd(r, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC));
	print_pd("roundpd up", _mm_round_pd(r, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC));
	print_pd("roundpd zero", _mm_round_pd(r, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC));
	print_ps("roundps mxcsr", _mm_round_ps(f, _MM_FROUND_CUR_DIRECTION));
	print_pd("roundsd down", _mm_round_sd(pd_a, r, _MM_FROUND_FLOOR));
	print_i("cvtps2dq", _mm_cvtps_epi32(f));
	print_i("cvttps2dq", _mm_cvttps_epi32(f));
	print_ps("cvtdq2ps", _mm_cvtepi32_ps(dwords_a));
	print_i("cvtpd2dq", _mm_cvtpd_epi32(r));
	print_ps("cvtpd2ps", _mm_cvtpd_ps(_mm_setr_pd(1e-50, 1.0000000596046448)));
	print_pd("cvtps2pd", _mm_cvtps_pd(ps_a));
	print_pd("cvtdq2pd", _mm_cvtepi32_pd(dwords_a));
	print_u64("cvtsd2si64 3.5", (uint64_t)_mm_cvtsd_si64(_mm_setr_pd(3.5, 0.0)));
	print_u64("cvtss2si64 nan", (uint64_t)_mm_cvtss_si64(_mm_shuffle_ps(ps_b, ps_b, 1)));
	print_ps("cvtsi2ss 2^30+1", _mm_cvtsi64_ss(ps_a, (1 << 30) + 1));
	_MM_SET_ROUNDING_MODE(_MM_ROUND_UP);
	print_i("cvtps2dq (up)", UNDER_MXCSR(__m128i, a, f, _mm_cvtps_epi32(f)));
	print_ps("cvtsi2ss 2^30+1 (up)", UNDER_MXCSR(__m128, b, ps_a,
		 _mm_cvtsi64_ss(ps_a, (1 << 30) + 1)));
	print_pd("divpd 1/3 (up)", UNDER_MXCSR(__m128d, c, pd_a, _mm_div_pd(_mm_set1_pd(1.0),
		 _mm_add_pd(pd_a, _mm_set1_pd(0.5)))));
	_MM_SET_ROUNDING_MODE(_MM_ROUND_DOWN);
	print_i("cvtps2dq (down)", UNDER_MXCSR(__m128i, d, f, _mm_cvtps_epi32(f)));
	print_pd("divpd 1/3 (down)", UNDER_MXCSR(__m128d, e, pd_a, _mm_div_pd(_mm_set1_pd(1.0),
		 _mm_add_pd(pd_a, _mm_set1_pd(0.5)))));
	_MM_SET_ROUNDING_MODE(_MM_ROUND_NEAREST);
}

static void mxcsr_modes(void)
{
	__m128 tiny = _mm_set1_ps(1e-40f), half = _mm_set1_ps(0.5f), zero = _mm_setzero_ps();
	unsigned saved = _mm_getcsr();

	HIDE(half);
	HIDE(zero);
	_mm_setcsr(saved & ~0x3fu);
	print_ps("denormal*0.5", UNDER_MXCSR(__m128, a, tiny, _mm_mul_ps(tiny, half)));
	printf("%-22s %02x\n", "mxcsr flags", _mm_getcsr() & 0x3f);
	_mm_setcsr((saved & ~0x3fu) | 0x8000); /* FTZ */
	print_ps("denormal*0.5 ftz", UNDER_MXCSR(__m128, b, tiny, _mm_mul_ps(tiny, half)));
	printf("%-22s %02x\n", "mxcsr flags ftz", _mm_getcsr() & 0x3f);
	print_ps("tiny*tiny ftz", UNDER_MXCSR(__m128, c, tiny, _mm_mul_ps(tiny, tiny)));
	printf("%-22s %02x\n", "mxcsr flags ftz", _mm_getcsr() & 0x3f);
	_mm_setcsr((saved & ~0x3fu) | 0x0040); /* DAZ */
	print_ps("denormal+0 daz", UNDER_MXCSR(__m128, d, tiny, _mm_add_ps(tiny, zero)));
	printf("%-22s %02x\n", "mxcsr flags daz", _mm_getcsr() & 0x3f);
	_mm_setcsr(saved & ~0x3fu);
	print_ps("1/0", UNDER_MXCSR(__m128, e, half, _mm_div_ps(half, zero)));
	printf("%-22s %02x\n", "mxcsr flags 1/0", _mm_getcsr() & 0x3f);
	_mm_setcsr(saved & ~0x3fu);
	print_ps("tiny*tiny", UNDER_MXCSR(__m128, f, tiny, _mm_mul_ps(tiny, tiny)));
	printf("%-22s %02x\n", "mxcsr flags tiny^2", _mm_getcsr() & 0x3f);
	_mm_setcsr(saved);
}

static void string_compare(void)
{
	__m128i text = _mm_loadu_si128((const __m128i *)"Hello, World! 42");
	__m128i set = _mm_loadu_si128((const __m128i *)"0123456789\0\0\0\0\0\0");
	__m128i range = _mm_loadu_si128((const __m128i *)"azAZ\0\0\0\0\0\0\0\0\0\0\0\0");
	__m128i word = _mm_loadu_si128((const __m128i *)"World\0\0\0\0\0\0\0\0\0\0\0");

	HIDE(text); HIDE(set); HIDE(range); HIDE(word);
	printf("%-22s %d\n", "cmpistri any digit", _mm_cmpistri(set, text, _SIDD_CMP_EQUAL_ANY));
	printf("%-22s %d\n", "cmpistri last alpha", _mm_cmpistri(range, text,
	       _SIDD_CMP_RANGES | _SIDD_MOST_SIGNIFICANT));
	printf("%-22s %d\n", "cmpistri substring",
	       _mm_cmpistri(word, text, _SIDD_CMP_EQUAL_ORDERED));
	printf("%-22s %d\n", "cmpistri first diff", _mm_cmpistri(text, word,
	       _SIDD_CMP_EQUAL_EACH | _SIDD_NEGATIVE_POLARITY));
	print_i("cmpistrm alpha mask", _mm_cmpistrm(range, text, _SIDD_CMP_RANGES));
	print_i("cmpistrm bytes", _mm_cmpistrm(range, text, _SIDD_CMP_RANGES | _SIDD_UNIT_MASK));
	printf("%-22s %d\n", "cmpestri len 3/9",
	       _mm_cmpestri(set, 3, text, 9, _SIDD_CMP_EQUAL_ANY));
	printf("%-22s z=%d c=%d s=%d\n", "cmpistr flags", _mm_cmpistrz(set, text, 0),
	       _mm_cmpistrc(set, text, 0), _mm_cmpistrs(word, text, 0));
	printf("%-22s %d\n", "cmpestri words", _mm_cmpestri(words_a, 3, words_b, 8,
	       _SIDD_SWORD_OPS | _SIDD_CMP_EQUAL_ANY));
}

static void crc_and_popcount(void)
{
	uint64_t data = 0x0123456789abcdefull, crc = 0xffffffffu;

	__asm__ volatile("" : "+r"(data));
	crc = _mm_crc32_u64(crc, data);
	print_u64("crc32q", crc);
	print_u64("crc32l", _mm_crc32_u32((uint32_t)crc, (uint32_t)data));
	print_u64("crc32w", _mm_crc32_u16((uint32_t)crc, (uint16_t)data));
	print_u64("crc32b", _mm_crc32_u8((uint32_t)crc, (uint8_t)data));
	print_u64("popcnt64", (uint64_t)_mm_popcnt_u64(data));
	print_u64("popcnt32", (uint64_t)_mm_popcnt_u32((uint32_t)(data >> 7)));
}

int main(void)
{
	load_inputs();
	sse2_integer();
	ssse3_sse41_integer();
	float_ops();
	rounding_and_conversion();
	mxcsr_modes();
	string_compare();
	crc_and_popcount();
	return 0;
}
