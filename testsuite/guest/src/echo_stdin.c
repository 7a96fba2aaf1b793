/*
 * echo_stdin.c - reads stdin to end of file, then prints the line count, the byte count and the
 * text with ASCII letters upper-cased (other bytes, including UTF-8, pass through unchanged).
 *
 * stdin is read with read(2) directly, in small odd-sized chunks so that the guest's read path
 * sees many calls that end in the middle of a line; stdio is used only for output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define CHUNK 37 /* deliberately not a power of two */

static unsigned char *read_all(size_t *len)
{
	size_t cap = 256, used = 0;
	unsigned char *buf = malloc(cap);

	for (;;) {
		if (buf == NULL)
			return NULL;
		if (cap - used < CHUNK)
			buf = realloc(buf, cap *= 2);
		if (buf == NULL)
			return NULL;
		ssize_t n = read(0, buf + used, CHUNK);
		if (n < 0) {
			free(buf);
			return NULL;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	*len = used;
	return buf;
}

int main(void)
{
	size_t len = 0, lines = 0;
	unsigned char *text = read_all(&len);

	if (text == NULL) {
		printf("read failed\n");
		return 1;
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			lines++;
		if (text[i] >= 'a' && text[i] <= 'z')
			text[i] = (unsigned char)(text[i] - 'a' + 'A');
	}
	printf("lines=%zu bytes=%zu\n", lines, len);
	fwrite(text, 1, len, stdout);
	printf("\n[end]\n");
	free(text);
	return 0;
}
